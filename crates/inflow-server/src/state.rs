//! What every handler shares: a pool of database connections over one
//! projection cache, and the admin token.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use inflow_app::{App, ProjectionCache};
use subtle::ConstantTimeEq;
use tokio::sync::Semaphore;

use crate::{AppError, Config, Error};

/// Database connections for `spawn_blocking` tasks. An SQLite connection
/// is `Send` but not `Sync`: each task takes one out, uses it alone and puts
/// it back; a new one is opened when all are in use. Every connection
/// shares one [`ProjectionCache`], so a projection is computed once.
pub struct Pool {
    db: PathBuf,
    cache: Arc<ProjectionCache>,
    idle: Mutex<Vec<App>>,
}

impl Pool {
    /// Opens the database once (creating it with the bundled data if it does
    /// not exist) and keeps that connection.
    ///
    /// # Errors
    /// The app's error if the database cannot be opened.
    pub fn open(db: PathBuf) -> Result<Pool, inflow_app::Error> {
        let cache = Arc::new(ProjectionCache::default());
        let first = App::open_with_cache(&db, Arc::clone(&cache))?;
        Ok(Pool {
            db,
            cache,
            idle: Mutex::new(vec![first]),
        })
    }

    fn take(&self) -> Result<App, inflow_app::Error> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        match idle {
            Some(a) => Ok(a),
            None => App::open_with_cache(&self.db, Arc::clone(&self.cache)),
        }
    }

    fn put(&self, app: App) {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        // More idle connections than worker threads are never used at once.
        if idle.len() < 16 {
            idle.push(app);
        }
    }
}

struct Inner {
    pool: Pool,
    admin_token: Option<Vec<u8>>,
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
    /// [`Error::App`] if the database cannot be opened,
    /// [`Error::WeakToken`] if the admin token is shorter than 16 bytes.
    pub fn new(config: &Config) -> Result<AppState, Error> {
        if config.admin_token.as_ref().is_some_and(|t| t.len() < 16) {
            return Err(Error::WeakToken);
        }
        Ok(AppState(Arc::new(Inner {
            pool: Pool::open(config.db.clone())?,
            admin_token: config.admin_token.as_ref().map(|t| t.as_bytes().to_vec()),
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

    /// Runs `f` with a connection on the blocking pool.
    pub(crate) async fn with_app<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut App) -> Result<T, AppError> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let mut app = state.0.pool.take()?;
            let out = f(&mut app);
            state.0.pool.put(app);
            out
        })
        .await?
    }

    /// Like [`AppState::with_app`] for CPU-heavy work, at most two at a time.
    pub(crate) async fn with_app_heavy<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut App) -> Result<T, AppError> + Send + 'static,
    {
        let _permit = self.0.heavy.acquire().await.map_err(AppError::internal)?;
        self.with_app(f).await
    }
}
