//! What every handler shares: a pool of store connections, the admin token
//! and a cache of projections.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use inflow_store::Store;
use subtle::ConstantTimeEq;
use tokio::sync::Semaphore;

use crate::{AppError, Config, Error};

/// Projections kept before the cache is emptied (they are deterministic for
/// their parameters and the data, and take tens of milliseconds each).
const PROJECTION_CACHE: usize = 256;

/// Store connections for `spawn_blocking` tasks. A `rusqlite::Connection`
/// is `Send` but not `Sync`: each task takes one out, uses it alone and puts
/// it back; a new one is opened when all are in use.
pub struct Pool {
    db: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl Pool {
    /// Opens the database once (creating it with the bundled data if it does
    /// not exist) and keeps that connection.
    ///
    /// # Errors
    /// The store's error if the database cannot be opened.
    pub fn open(db: PathBuf) -> Result<Pool, inflow_store::Error> {
        let first = Store::open(&db)?;
        Ok(Pool {
            db,
            idle: Mutex::new(vec![first]),
        })
    }

    fn take(&self) -> Result<Store, inflow_store::Error> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        match idle {
            Some(s) => Ok(s),
            None => Store::open(&self.db),
        }
    }

    fn put(&self, store: Store) {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        // More idle connections than worker threads are never used at once.
        if idle.len() < 16 {
            idle.push(store);
        }
    }
}

struct Inner {
    pool: Pool,
    admin_token: Option<Vec<u8>>,
    projections: Mutex<HashMap<String, Arc<str>>>,
    /// Bumped by every import; cache keys carry it, so a projection computed
    /// from data that changed while it ran is never served.
    generation: AtomicU64,
    /// Projections are CPU-bound; two at a time on a two-core machine keeps
    /// the cheap requests answered quickly while they run.
    heavy: Semaphore,
}

/// The server's shared state; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    /// Opens the store named by the config.
    ///
    /// # Errors
    /// [`Error::Store`] if the database cannot be opened,
    /// [`Error::WeakToken`] if the admin token is shorter than 16 bytes.
    pub fn new(config: &Config) -> Result<AppState, Error> {
        if config.admin_token.as_ref().is_some_and(|t| t.len() < 16) {
            return Err(Error::WeakToken);
        }
        Ok(AppState(Arc::new(Inner {
            pool: Pool::open(config.db.clone())?,
            admin_token: config.admin_token.as_ref().map(|t| t.as_bytes().to_vec()),
            projections: Mutex::new(HashMap::new()),
            generation: AtomicU64::new(0),
            heavy: Semaphore::new(2),
        })))
    }

    /// Whether the write routes exist.
    pub fn admin_enabled(&self) -> bool {
        self.0.admin_token.is_some()
    }

    /// Whether `presented` is the admin token, compared in constant time.
    pub(crate) fn token_matches(&self, presented: &[u8]) -> bool {
        match &self.0.admin_token {
            Some(t) => bool::from(t.as_slice().ct_eq(presented)),
            None => false,
        }
    }

    /// Runs `f` with a store connection on the blocking pool.
    pub(crate) async fn with_store<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, AppError> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let mut store = state.0.pool.take()?;
            let out = f(&mut store);
            state.0.pool.put(store);
            out
        })
        .await?
    }

    /// Like [`AppState::with_store`] for CPU-heavy work, at most two at a time.
    pub(crate) async fn with_store_heavy<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, AppError> + Send + 'static,
    {
        let _permit = self.0.heavy.acquire().await.map_err(AppError::internal)?;
        self.with_store(f).await
    }

    pub(crate) fn cached_projection(&self, key: &str) -> Option<Arc<str>> {
        self.0
            .projections
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned()
    }

    pub(crate) fn cache_projection(&self, key: String, value: Arc<str>) {
        let mut cache = self
            .0
            .projections
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if cache.len() >= PROJECTION_CACHE {
            cache.clear();
        }
        cache.insert(key, value);
    }

    /// The data generation, to make cache keys with.
    pub(crate) fn generation(&self) -> u64 {
        self.0.generation.load(Ordering::SeqCst)
    }

    /// Forgets cached results after the data changed.
    pub(crate) fn data_changed(&self) {
        self.0.generation.fetch_add(1, Ordering::SeqCst);
        self.0
            .projections
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}
