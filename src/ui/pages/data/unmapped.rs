//! A file awaiting its columns: the table it holds needs a field no column was recognised as,
//! so it is shown with its mapping open for the user to choose.

use super::mapping::{MappingSource, MappingTable, TableChoice};
use crate::ui::state::{AppState, UnmappedFile};
use leptos::prelude::*;

/// A file waiting for the user to say which column holds what.
#[component]
pub fn UnmappedCard(file: UnmappedFile) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = file.name.clone();
    view! {
        <section class="card file-card needs-mapping" data-file=file.name.clone()>
            <div class="file-head">
                <h2>{file.name.clone()}</h2>
                <button type="button" class="button" on:click=move |_| state.data.unmapped.update(|u| u.retain(|f| f.name != name))>"Remove"</button>
            </div>
            <p class="error-message" role="alert">{file.error.to_string()}</p>
            <p>"Nothing was loaded from this file yet; data already loaded is unchanged."</p>
            <TableChoice source=MappingSource::from(&file)/>
            <MappingTable source=MappingSource::from(&file) open=true/>
        </section>
    }
}
