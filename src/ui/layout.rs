//! Following sizes on screen: an element that changes size (the window, a `<details>` opened, a
//! table that grows) is measured again. Charts redraw at their new width, and a table wider than
//! its card scrolls inside it, as a tab stop with a name while it scrolls (so that a keyboard can
//! scroll it too), instead of widening the page.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The browser's `ResizeObserver`: it calls back once when it starts watching, then at every
    /// change of size.
    type ResizeObserver;
    #[wasm_bindgen(constructor)]
    fn new(callback: &Closure<dyn FnMut()>) -> ResizeObserver;
    #[wasm_bindgen(method)]
    fn observe(this: &ResizeObserver, target: &web_sys::Element);
    #[wasm_bindgen(method)]
    fn disconnect(this: &ResizeObserver);
}

/// Calls its function whenever one of its elements changes size, until it is dropped.
pub struct SizeWatch {
    observer: ResizeObserver,
    // Kept alive for the observer, which calls it.
    _callback: Closure<dyn FnMut()>,
}

impl SizeWatch {
    pub fn new(targets: &[web_sys::Element], on_resize: impl FnMut() + 'static) -> SizeWatch {
        let callback = Closure::<dyn FnMut()>::new(on_resize);
        let observer = ResizeObserver::new(&callback);
        for target in targets {
            observer.observe(target);
        }
        SizeWatch { observer, _callback: callback }
    }
}

impl Drop for SizeWatch {
    fn drop(&mut self) {
        // Without this the observer would call a function that no longer exists.
        self.observer.disconnect();
    }
}

/// Watches the element of `node` (and its children) once it is on the page, for as long as the
/// calling component lives.
pub fn watch_size<E>(node: NodeRef<E>, on_resize: impl Fn(&web_sys::Element) + Clone + 'static)
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let watch = StoredValue::new_local(None::<SizeWatch>);
    Effect::new(move || {
        let Some(element) = node.get() else { return };
        let element: web_sys::Element = element.unchecked_into();
        let children = element.children();
        let mut targets: Vec<web_sys::Element> = (0..children.length()).filter_map(|i| children.item(i)).collect();
        targets.push(element.clone());
        let on_resize = on_resize.clone();
        watch.set_value(Some(SizeWatch::new(&targets, move || on_resize(&element))));
    });
}

/// Whether an element's content is larger than its box (it scrolls).
fn scrolls(element: &web_sys::Element) -> bool {
    element.scroll_width() > element.client_width() || element.scroll_height() > element.client_height()
}

/// A box that scrolls a wide table inside its card. `label` names it for screen readers while it
/// scrolls ("Table: people by level"); `class` adds to its own class `scroll-box`.
#[component]
pub fn ScrollBox(
    #[prop(into)] label: String,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let scrolling = RwSignal::new(false);
    watch_size(node, move |element| {
        let now = scrolls(element);
        if scrolling.get_untracked() != now {
            scrolling.set(now);
        }
    });
    let when_scrolling = move |value: &'static str| move || scrolling.get().then_some(value);
    view! {
        <div node_ref=node class=format!("scroll-box {class}") tabindex=when_scrolling("0") role=when_scrolling("region")
            aria-label=move || scrolling.get().then(|| label.clone())>
            {children()}
        </div>
    }
}

/// The elements in `container` with the tag `tag`.
fn tagged(container: &web_sys::Element, tag: &str) -> Vec<web_sys::Element> {
    let found = container.get_elements_by_tag_name(tag);
    (0..found.length()).filter_map(|i| found.item(i)).collect()
}

/// Scroll boxes for HTML made elsewhere (the report shown in the page): each table goes into one,
/// each figure becomes one. Safe to call again on the same HTML.
pub fn add_scroll_boxes(container: &web_sys::Element) {
    for table in tagged(container, "table") {
        let boxed = table.parent_element().is_some_and(|p| p.class_list().contains("scroll-box"));
        if let (false, Some(parent), Ok(scroll_box)) = (boxed, table.parent_node(), document().create_element("div")) {
            scroll_box.set_class_name("scroll-box");
            let _ = parent.insert_before(&scroll_box, Some(&table));
            let _ = scroll_box.append_child(&table);
        }
    }
    for figure in tagged(container, "figure") {
        let _ = figure.class_list().add_1("scroll-box");
    }
}

/// Makes each scroll box in `container` a tab stop named after its table's caption or its
/// chart's title while it scrolls, and neither when it does not.
pub fn mark_scrolling(container: &web_sys::Element) {
    let boxes = container.get_elements_by_class_name("scroll-box");
    for scroll_box in (0..boxes.length()).filter_map(|i| boxes.item(i)) {
        // A figure keeps its role; a plain box needs one to carry a name.
        let plain = scroll_box.tag_name().eq_ignore_ascii_case("div");
        if !scrolls(&scroll_box) {
            for attribute in ["tabindex", "aria-label", "role"] {
                if attribute != "role" || plain {
                    let _ = scroll_box.remove_attribute(attribute);
                }
            }
            continue;
        }
        let named = tagged(&scroll_box, "caption").into_iter().chain(tagged(&scroll_box, "title")).next();
        let name = named.and_then(|n| n.text_content()).unwrap_or_default();
        let _ = scroll_box.set_attribute("tabindex", "0");
        let _ =
            scroll_box.set_attribute("aria-label", if name.trim().is_empty() { "Scrolling part" } else { name.trim() });
        if plain {
            let _ = scroll_box.set_attribute("role", "region");
        }
    }
}
