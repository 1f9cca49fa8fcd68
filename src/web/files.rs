//! Files from drag and drop (folders walked through directory entries) and from the file
//! picker, read as bytes (never as text: decoding is the analysis' job).

use std::fmt;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// What went wrong in the browser layer, said for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebError {
    /// The browser refused to read the file.
    Read(String),
    /// The page has no document (never in a normal tab).
    NoDocument,
}

impl WebError {
    /// Turns a JavaScript exception into a message.
    pub fn from_js(value: JsValue) -> WebError {
        let text = value
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| value.as_string())
            .unwrap_or_else(|| "unknown browser error".to_string());
        WebError::Read(text)
    }
}

impl fmt::Display for WebError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebError::Read(why) => write!(f, "The browser could not read the file: {why}"),
            WebError::NoDocument => write!(f, "The page is not ready."),
        }
    }
}

/// A file handed over by the user, with the path inside a dropped folder.
#[derive(Debug, Clone)]
pub struct DroppedFile {
    /// The name to show: the path inside a dropped folder, or the file name.
    pub name: String,
    /// The browser's file object, read lazily.
    pub file: web_sys::File,
}

/// The files of an `<input type=file>` list.
pub fn files_from_list(list: &web_sys::FileList) -> Vec<DroppedFile> {
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|file| DroppedFile {
            name: file.name(),
            file,
        })
        .collect()
}

/// The files of a drop, walking any dropped folders. Falls back to the plain file list when
/// the browser gives no entries.
pub async fn files_from_drop(transfer: &web_sys::DataTransfer) -> Vec<DroppedFile> {
    let items = transfer.items();
    let mut entries = Vec::new();
    for i in 0..items.length() {
        if let Some(item) = items.get(i)
            && let Ok(Some(entry)) = item.webkit_get_as_entry()
        {
            entries.push(entry);
        }
    }
    if entries.is_empty() {
        return transfer
            .files()
            .map(|l| files_from_list(&l))
            .unwrap_or_default();
    }
    let mut out = Vec::new();
    // Walk breadth-first with an explicit stack, so deep folders cannot overflow anything.
    let mut stack: Vec<(String, web_sys::FileSystemEntry)> =
        entries.into_iter().map(|e| (String::new(), e)).collect();
    while let Some((prefix, entry)) = stack.pop() {
        let path = format!("{prefix}{}", entry.name());
        if entry.is_directory() {
            let dir: web_sys::FileSystemDirectoryEntry = entry.unchecked_into();
            for child in read_directory(&dir).await {
                stack.push((format!("{path}/"), child));
            }
        } else if entry.is_file() {
            let file_entry: web_sys::FileSystemFileEntry = entry.unchecked_into();
            if let Some(file) = entry_file(&file_entry).await {
                out.push(DroppedFile { name: path, file });
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// All entries of a directory: the reader hands them out in batches until an empty one.
async fn read_directory(dir: &web_sys::FileSystemDirectoryEntry) -> Vec<web_sys::FileSystemEntry> {
    let reader = dir.create_reader();
    let mut all = Vec::new();
    loop {
        let batch = js_sys::Promise::new(&mut |resolve, reject| {
            let fallback = resolve.clone();
            let ok = Closure::once_into_js(move |entries: JsValue| {
                let _ = resolve.call1(&JsValue::NULL, &entries);
            });
            let err = Closure::once_into_js(move |e: JsValue| {
                let _ = reject.call1(&JsValue::NULL, &e);
            });
            if reader
                .read_entries_with_callback_and_callback(ok.unchecked_ref(), err.unchecked_ref())
                .is_err()
            {
                // The callbacks will never run, so end the walk of this folder here.
                let _ = fallback.call1(&JsValue::NULL, &js_sys::Array::new());
            }
        });
        let Ok(entries) = JsFuture::from(batch).await else {
            break;
        };
        let array: js_sys::Array = entries.unchecked_into();
        if array.length() == 0 {
            break;
        }
        all.extend(
            array
                .iter()
                .map(|e| e.unchecked_into::<web_sys::FileSystemEntry>()),
        );
    }
    all
}

async fn entry_file(entry: &web_sys::FileSystemFileEntry) -> Option<web_sys::File> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |file: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &file);
        });
        let err = Closure::once_into_js(move |e: JsValue| {
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        entry.file_with_callback_and_callback(ok.unchecked_ref(), err.unchecked_ref());
    });
    JsFuture::from(promise)
        .await
        .ok()
        .map(|f| f.unchecked_into())
}

/// Starts reading a file's bytes, unless it is larger than `limit`, in which case only its size
/// is kept so the analysis can say why it was refused without loading it. Reads started
/// together run together: the browser fetches many dropped files at a time instead of waiting
/// for each before asking for the next.
pub fn start_read(file: &web_sys::File, limit: usize) -> PendingRead {
    let size = file.size() as usize;
    if size > limit {
        PendingRead::TooLarge(size)
    } else {
        PendingRead::Reading(JsFuture::from(file.array_buffer()))
    }
}

/// A read begun by [`start_read`].
pub enum PendingRead {
    /// Refused unread: the file's size.
    TooLarge(usize),
    /// Under way.
    Reading(JsFuture),
}

impl PendingRead {
    /// Waits for the bytes: `Ok(Err(size))` for a file refused by size.
    pub async fn finish(self) -> Result<Result<Vec<u8>, usize>, WebError> {
        match self {
            PendingRead::TooLarge(size) => Ok(Err(size)),
            PendingRead::Reading(read) => {
                let buffer = read.await.map_err(WebError::from_js)?;
                Ok(Ok(js_sys::Uint8Array::new(&buffer).to_vec()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn make_file(bytes: &[u8], name: &str) -> web_sys::File {
        let array = js_sys::Uint8Array::from(bytes);
        let parts = js_sys::Array::of1(&array);
        web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
    }

    #[wasm_bindgen_test]
    async fn reads_files_as_exact_bytes() {
        // Invalid UTF-8 must arrive untouched, so the analysis can say what is wrong with it.
        let bytes = [0x66, 0xFF, 0xFE, 0x00, 0xC3, 0x28];
        let got = start_read(&make_file(&bytes, "odd.txt"), 1024)
            .finish()
            .await
            .unwrap();
        assert_eq!(got, Ok(bytes.to_vec()));
    }

    #[wasm_bindgen_test]
    async fn refuses_large_files_without_reading_them() {
        let got = start_read(&make_file(&[b'a'; 100], "big.txt"), 10)
            .finish()
            .await
            .unwrap();
        assert_eq!(got, Err(100));
    }

    #[wasm_bindgen_test]
    async fn a_drop_without_entries_falls_back_to_its_files() {
        let transfer = web_sys::DataTransfer::new().unwrap();
        transfer
            .items()
            .add_with_file(&make_file(b"Hello.", "a.txt"))
            .unwrap();
        transfer
            .items()
            .add_with_file(&make_file(b"World.", "b.txt"))
            .unwrap();
        let names: Vec<String> = files_from_drop(&transfer)
            .await
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, ["a.txt", "b.txt"]);
    }
}
