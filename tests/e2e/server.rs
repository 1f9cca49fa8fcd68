//! A tiny static file server over dist/, mounted under a sub-path, that records every request it
//! gets. It is also the browser's HTTP proxy, so a request for any other origin reaches it too and
//! is recorded and refused. It serves files only; it never lists folders or leaves its root.

use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One request the server answered.
#[derive(Clone, Debug)]
pub struct Request {
    /// The request target as sent: a path, an absolute URL (through the proxy) or `host:port`
    /// (a CONNECT for https).
    pub target: String,
    /// The path on this server, or None when the request was for another origin.
    pub path: Option<String>,
    pub status: u16,
}

/// A running server. Dropping it stops it.
pub struct StaticServer {
    /// The page's URL: `http://127.0.0.1:PORT/SUB/PATH/`.
    pub url: String,
    /// `http://127.0.0.1:PORT`, to give the browser as its proxy.
    pub proxy: String,
    /// Every request so far, in order.
    pub log: Arc<Mutex<Vec<Request>>>,
    task: JoinHandle<()>,
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `root` on a free loopback port under `prefix`, which starts and ends with `/`.
pub async fn serve(root: PathBuf, prefix: &'static str) -> StaticServer {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let log = Arc::new(Mutex::new(Vec::new()));
    let task_log = log.clone();
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let root = root.clone();
            let log = task_log.clone();
            tokio::spawn(async move {
                if let Some(request) = answer(stream, &root, prefix, port).await {
                    log.lock().unwrap().push(request);
                }
            });
        }
    });
    StaticServer {
        url: format!("http://127.0.0.1:{port}{prefix}"),
        proxy: format!("http://127.0.0.1:{port}"),
        log,
        task,
    }
}

/// Answers one request on a connection and closes it.
async fn answer(mut stream: TcpStream, root: &Path, prefix: &str, port: u16) -> Option<Request> {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 || head.len() > 64 * 1024 {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head);
    let mut words = head.lines().next()?.split_whitespace();
    let method = words.next()?.to_string();
    let target = words.next()?.to_string();
    // Through the proxy a request names its origin; directly it is a bare path.
    let own_origin = format!("http://127.0.0.1:{port}/");
    let path = if method == "CONNECT" {
        None
    } else if let Some(rest) = target.strip_prefix(&own_origin) {
        Some(format!("/{rest}"))
    } else if target.starts_with('/') {
        Some(target.clone())
    } else {
        None
    };
    let path = path.map(|p| p.split(['?', '#']).next().unwrap_or("").to_string());

    let file = path
        .as_deref()
        .and_then(|p| p.strip_prefix(prefix))
        .and_then(|rest| resolve(root, rest))
        .filter(|f| f.is_file());
    let (status, body, mime) = match (method.as_str(), file) {
        ("GET" | "HEAD", Some(file)) => match tokio::fs::read(&file).await {
            Ok(body) => (200, body, mime_type(&file)),
            Err(_) => (404, b"not found".to_vec(), "text/plain"),
        },
        ("GET" | "HEAD", None) if path.is_some() => (404, b"not found".to_vec(), "text/plain"),
        _ if path.is_none() => (403, b"no other origin".to_vec(), "text/plain"),
        _ => (405, b"method not allowed".to_vec(), "text/plain"),
    };
    let reason = match status {
        200 => "OK",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes()).await;
    if method != "HEAD" {
        let _ = stream.write_all(&body).await;
    }
    let _ = stream.shutdown().await;
    Some(Request {
        target,
        path,
        status,
    })
}

/// Maps the part of a URL path below the prefix to a file under `root`, refusing `..`.
fn resolve(root: &Path, rest: &str) -> Option<PathBuf> {
    let rest = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest.to_string()
    };
    let relative = Path::new(&rest);
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    Some(root.join(relative))
}

fn mime_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
