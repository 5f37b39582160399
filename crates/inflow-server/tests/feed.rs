//! `/feed.atom` after a release is withdrawn: an entry of its own says so
//! (the release's date and source, why, when), and the withdrawn release's
//! own entry is gone because its values no longer count.

#![allow(clippy::unwrap_used)]

mod common;

#[tokio::test]
async fn a_retraction_gets_its_own_entry() {
    let app = common::App::new(false);
    let before = app.get("/feed.atom").await.text();
    let date = {
        let mut a = inflow_app::App::open(&app.dir.path().join("inflow.db")).unwrap();
        let newest = a
            .release_records()
            .unwrap()
            .into_iter()
            .max_by_key(|r| r.release_date.clone())
            .unwrap();
        a.retract(newest.id, "figures withdrawn by the publisher")
            .unwrap();
        newest.release_date
    };
    let r = app.get("/feed.atom").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let text = r.text();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let atom = "http://www.w3.org/2005/Atom";
    let entries: Vec<_> = doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name((atom, "entry")))
        .collect();
    let text_of = |e: roxmltree::Node<'_, '_>, name: &str| {
        e.children()
            .find(|c| c.has_tag_name((atom, name)))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    // Newest first: the retraction happened today, after every release.
    let first = entries[0];
    let title = text_of(first, "title");
    assert!(
        title.contains("retracted: figures withdrawn by the publisher"),
        "{title}"
    );
    assert!(
        title.contains(&date),
        "the release's own date {date}: {title}"
    );
    assert!(
        text_of(first, "id").ends_with("/retracted"),
        "{}",
        text_of(first, "id")
    );
    let today = inflow_app::release::today().to_string();
    assert_eq!(text_of(first, "updated"), format!("{today}T00:00:00Z"));
    assert!(
        text_of(first, "summary").contains("withdrawn on"),
        "{}",
        text_of(first, "summary")
    );
    // Entries of that day's releases lose what the withdrawn one gave.
    let day = format!("<updated>{date}T00:00:00Z</updated>");
    let summaries = |t: &str| -> Vec<String> {
        t.split("<entry>")
            .filter(|e| e.contains(&day) && !e.contains("/retracted"))
            .map(str::to_string)
            .collect()
    };
    assert!(!summaries(&before).is_empty(), "{before}");
    assert_ne!(
        summaries(&before),
        summaries(&text),
        "the feed changed for {date}"
    );
}

/// `inflow serve --webhook`: a release imported while the server runs is
/// POSTed once to a receiver on loopback; what was there before is not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_posts_each_new_release_to_the_webhook_once() {
    use std::io::{BufRead as _, BufReader, Read as _, Write as _};
    let app = common::App::new(true);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { return };
            let mut r = BufReader::new(s.try_clone().unwrap());
            let mut len = 0;
            let mut line = String::new();
            while r.read_line(&mut line).unwrap() > 2 {
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap();
                }
                line.clear();
            }
            let mut body = vec![0; len];
            r.read_exact(&mut body).unwrap();
            s.write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
                .unwrap();
            tx.send(String::from_utf8(body).unwrap()).unwrap();
        }
    });
    let watcher = tokio::spawn(inflow_server::hook::watch_releases(
        app.state.clone(),
        url.parse().unwrap(),
        std::time::Duration::from_millis(100),
    ));
    // The watcher's first look takes what is stored as seen.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert!(rx.try_recv().is_err(), "nothing new yet");
    let csv = "series,period,value,status,release_date,source_url,note\n\
               pk.ict.exports,2026-08,401,reported,2026-09-20,https://example.org/september-release,\n";
    let r = app
        .send(
            axum::http::Request::post("/api/import")
                .header("authorization", format!("Bearer {}", common::TOKEN))
                .body(axum::body::Body::from(csv))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let body = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("a POST for the new release");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["event"], "release", "{v}");
    let releases = v["releases"].as_array().unwrap();
    assert_eq!(releases.len(), 1, "only the new release: {v}");
    assert_eq!(releases[0]["released"], "2026-09-20", "{v}");
    assert_eq!(releases[0]["added"][0][0], "2026-08", "{v}");
    assert_eq!(releases[0]["added"][0][1], 401.0, "{v}");
    // Once only.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert!(rx.try_recv().is_err(), "a release is POSTed once");
    watcher.abort();
}
