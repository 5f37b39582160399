//! Accepting connections: timeouts, a cap on open connections, and
//! graceful shutdown.
//!
//! `axum::serve` has no header-read timeout and no connection cap, so a
//! client that opens thousands of connections and never finishes a request
//! holds a file descriptor and buffers for each until the process runs out.
//! Here every connection gets hyper's header-read timeout (which also
//! bounds how long a kept-alive connection may sit idle between requests),
//! and at most [`Limits::max_connections`] are open at once: when a new one
//! arrives at the cap, the oldest connection with no request in flight is
//! closed to make room, so a flood of idle connections cannot lock out a
//! real client.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::Router;
use axum::body::{Body, Bytes};
use hyper::body::{Frame, SizeHint};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{Notify, watch};
use tower::ServiceExt;

/// Connection limits of a running server.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Longest a client may take to send a request's headers, counted from
    /// the connection opening or, on a kept-alive connection, from the end
    /// of the previous response. Also the idle timeout.
    pub header_read_timeout: Duration,
    /// Most connections open at once.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(10),
            max_connections: 1024,
        }
    }
}

/// One open connection, as the cap sees it.
struct Slot {
    /// Requests in flight (counted until their response body is dropped).
    busy: Arc<AtomicUsize>,
    /// Notified to close the connection at once.
    evict: Arc<Notify>,
}

#[derive(Default)]
struct Open {
    next: u64,
    /// By opening order, so the oldest idle connection is found first.
    slots: BTreeMap<u64, Slot>,
}

/// Counts a request from its arrival until its response body is dropped.
struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    fn enter(busy: &Arc<AtomicUsize>) -> InFlight {
        busy.fetch_add(1, Ordering::SeqCst);
        InFlight(busy.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A response body that keeps its request counted as in flight.
struct Tracked {
    inner: Body,
    _guard: InFlight,
}

impl hyper::body::Body for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    // Delegated so a body of known length keeps its Content-Length.
    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Serves `app` on `listener` with `limits` until `shutdown` completes, then
/// lets requests in flight finish (for up to 10 seconds).
///
/// # Errors
/// None in practice: accept errors (such as running out of file
/// descriptors) are waited out, not returned, so one bad moment does not
/// stop the server.
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let open: Arc<Mutex<Open>> = Arc::default();
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .max_buf_size(64 * 1024);
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // EMFILE and friends: wait for connections to close.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let Some((id, busy, evict)) = admit(&open, limits.max_connections) else {
            // Every connection is mid-request and the hard cap is reached:
            // refuse this one (dropping it closes it) rather than run out.
            continue;
        };
        let app = app.clone();
        let builder = builder.clone();
        let open = open.clone();
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let in_flight = busy.clone();
            let service =
                tower::service_fn(move |req: axum::extract::Request<hyper::body::Incoming>| {
                    let guard = InFlight::enter(&in_flight);
                    let app = app.clone();
                    async move {
                        let res = app.oneshot(req.map(Body::new)).await?;
                        // The guard lives as long as the response body, so a
                        // connection still sending a response is not evicted.
                        Ok::<_, std::convert::Infallible>(res.map(|inner| {
                            Body::new(Tracked {
                                inner,
                                _guard: guard,
                            })
                        }))
                    }
                });
            let conn = builder.serve_connection(
                TokioIo::new(stream),
                hyper_util::service::TowerToHyperService::new(service),
            );
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                () = evict.notified() => {}
                // The guard `wait_for` returns is dropped before awaiting.
                () = async { drop(stop.wait_for(|s| *s).await) } => {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(Duration::from_secs(10), conn.as_mut()).await;
                }
            }
            open.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .slots
                .remove(&id);
        });
    }
    let _ = stop_tx.send(true);
    // Wait for the connections to finish their graceful shutdown.
    for _ in 0..200 {
        if open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .slots
            .is_empty()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

type Admitted = (u64, Arc<AtomicUsize>, Arc<Notify>);

/// Registers a new connection, first closing the oldest idle one if the
/// cap is reached. Connections busy with a request are never closed; if
/// there are twice the cap of those, the new connection is refused.
fn admit(open: &Mutex<Open>, max: usize) -> Option<Admitted> {
    let max = max.max(1);
    let mut open = open.lock().unwrap_or_else(PoisonError::into_inner);
    if open.slots.len() >= max {
        let idle = open
            .slots
            .iter()
            .find(|(_, s)| s.busy.load(Ordering::SeqCst) == 0)
            .map(|(&id, _)| id);
        if let Some(id) = idle
            && let Some(slot) = open.slots.remove(&id)
        {
            // notify_one stores a permit, so the close is not lost if the
            // connection's task is not waiting yet.
            slot.evict.notify_one();
        } else if open.slots.len() >= 2 * max {
            return None;
        }
    }
    let id = open.next;
    open.next += 1;
    let busy = Arc::new(AtomicUsize::new(0));
    let evict = Arc::new(Notify::new());
    open.slots.insert(
        id,
        Slot {
            busy: busy.clone(),
            evict: evict.clone(),
        },
    );
    Some((id, busy, evict))
}
