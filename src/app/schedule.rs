//! Turns of the browser's event loop, for work that must not hold up a frame: the search index
//! built in slices, the rest of a page of results after its first screenful, the URL written
//! after the keystroke that changed it is painted.

use wasm_bindgen::JsCast;

/// Resolves in a later task of background priority: `scheduler.postTask` where the browser has
/// it (Chromium, Firefox), so input, painting and every ordinary task go first; elsewhere a
/// zero-delay timer. The scheduler's tasks are not clamped, where chained timers wait at least
/// 4 ms from the fifth on.
pub async fn background_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let Some(window) = web_sys::window() else {
            return;
        };
        if post_background(&window, &resolve).is_none() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// `scheduler.postTask(task, { priority: "background" })`, or `None` without a scheduler.
fn post_background(window: &web_sys::Window, task: &js_sys::Function) -> Option<()> {
    use js_sys::{Function, Object, Reflect};
    use wasm_bindgen::JsValue;
    let scheduler = Reflect::get(window, &JsValue::from_str("scheduler")).ok()?;
    let post = Reflect::get(&scheduler, &JsValue::from_str("postTask")).ok()?;
    let post = post.dyn_into::<Function>().ok()?;
    let options = Object::new();
    Reflect::set(
        &options,
        &JsValue::from_str("priority"),
        &JsValue::from_str("background"),
    )
    .ok()?;
    // The returned promise settles when the task has run; nothing waits on it.
    post.call2(&scheduler, task, &options).ok()?;
    Some(())
}

/// Resolves once the browser has painted what is on the page: a timer set from an animation
/// frame callback runs after that frame is painted.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        // Without a window nothing is painted and nothing waits for a paint.
        let Some(window) = web_sys::window() else {
            return;
        };
        let timer = window.clone();
        let next = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = timer.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        let _ = window.request_animation_frame(next.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
