use super::*;
use crate::export::{write_extracts, ExtractStyle};
use crate::ingest::{assemble, ingest_file, IngestOptions, IngestSettings, IpvRules};
use crate::synth::{generate, DemoParams};

/// Every extract of a small demo jurisdiction, clean and messy (other encodings, rejected rows),
/// parsed as the page parses them.
fn parsed_extracts() -> Vec<ParsedFile> {
    let params = DemoParams { people: 300, seed: 41, ..DemoParams::default() };
    let data = generate(&params).expect("valid demo parameters");
    let options = IngestOptions::with_settings(IngestSettings { ipv: IpvRules::demo(), ..IngestSettings::default() });
    let files = [ExtractStyle::Clean, ExtractStyle::Messy].into_iter().flat_map(|style| write_extracts(&data, style));
    let mut files: Vec<(String, Vec<u8>)> = files.map(|f| (f.name, f.bytes)).collect();
    // Rows rejected for a missing value and for their width.
    let odd = "offender_id,notification_date,level\n,2020-01-01,A\nP1,2020-01-02,B\nP2,2020-01-03\n";
    files.push(("odd notifications.csv".into(), odd.as_bytes().to_vec()));
    files.iter().map(|(name, bytes)| ingest_file(name, bytes, &options).expect("the extracts read")).collect()
}

#[test]
fn every_table_comes_back_as_it_was_parsed() {
    let parsed = parsed_extracts();
    let tables: std::collections::BTreeSet<_> = parsed.iter().map(|p| p.mapping.table).collect();
    assert_eq!(tables.len(), 5, "one extract of each table");
    assert!(parsed.iter().any(|p| p.report.rows_rejected() > 0), "some file with rejected rows");
    for original in &parsed {
        // As the worker sends it: incidents already in person and date order.
        let mut sent = original.clone();
        sent.sort_rows();
        let encoded = encode(&sent);
        let back = decode(&encoded).expect("an encoding reads back");
        let name = &original.report.file;
        assert_eq!(back.report, original.report, "{name}");
        assert_eq!(
            (&back.headers, &back.mapping, &back.samples),
            (&original.headers, &original.mapping, &original.samples)
        );
        // The whole data set, every column and every id's name, as `assemble` makes it.
        let (a, b) = (assemble([original]), assemble([&back]));
        assert_eq!(format!("{b:?}"), format!("{a:?}"), "{name}");
        assert_eq!(b.summary(), a.summary(), "{name}");
        assert_eq!(encode(&back), encoded, "{name}: the same bytes again");
        // Names read back are found, and new ones intern after them (the hash table is built then).
        let mut people = (*back.people).clone();
        if let Some(last) = original.people.len().checked_sub(1) {
            let name = original.people.name(last as u32);
            assert_eq!(people.get(name), Some(last as u32), "{name}");
        }
        assert_eq!(people.intern("nobody-in-the-demo") as usize, original.people.len());
    }
    let all: Vec<ParsedFile> = parsed
        .iter()
        .map(|p| {
            let mut sent = p.clone();
            sent.sort_rows();
            decode(&encode(&sent)).unwrap()
        })
        .collect();
    let (a, b) = (assemble(&parsed[..5]), assemble(&all[..5]));
    assert_eq!(format!("{b:?}"), format!("{a:?}"), "the tables joined");
}

#[test]
fn bytes_that_are_not_an_encoding_give_an_error_not_a_panic() {
    let parsed = parsed_extracts();
    let encoded = encode(&parsed[0]);
    for cut in (0..encoded.len()).step_by(encoded.len() / 200 + 1) {
        let err = decode(&encoded[..cut]).expect_err("a truncated encoding");
        assert!(err.to_string().starts_with("not an encoded parsed file: "), "{err}");
    }
    let mut longer = encoded.clone();
    longer.push(0);
    assert!(decode(&longer).unwrap_err().to_string().contains("bytes follow the last column"));
    // Every byte flipped in turn, over the whole encoding: an error or another parsed file.
    for at in (0..encoded.len()).step_by(encoded.len() / 3000 + 1) {
        let mut corrupt = encoded.clone();
        corrupt[at] ^= 0xa5;
        let _ = decode(&corrupt);
    }
    // Lengths that claim more than the bytes hold take no room for it.
    let mut huge = MAGIC.to_vec();
    huge.extend_from_slice(&u64::MAX.to_le_bytes());
    assert!(decode(&huge).is_err());
    assert!(decode(b"IPVIcol\x02").unwrap_err().to_string().contains("format mark"));
}

#[test]
fn ids_past_their_space_are_refused() {
    let parsed = parsed_extracts();
    let notifications = parsed.iter().find(|p| p.mapping.table == crate::ingest::Table::Notifications).unwrap();
    let mut bad = notifications.clone();
    let TableRows::Notifications(t) = &mut bad.rows else { unreachable!() };
    std::sync::Arc::make_mut(t).person[0] = bad.people.len() as u32;
    assert!(decode(&encode(&bad)).unwrap_err().to_string().contains("an id with no name"));
}

#[test]
fn a_file_awaiting_its_columns_travels_as_json() {
    let options = IngestOptions { table: Some(crate::ingest::Table::Notifications), ..IngestOptions::default() };
    let bytes = std::sync::Arc::new(b"When,Level\n2020-01-02,A\n".to_vec());
    let parser = Parser::new("odd.csv", bytes, &options).unwrap();
    let error = parser.check().expect_err("no columns for the fields a table needs");
    let awaiting = AwaitingColumns::of(&parser, error);
    let json = serde_json::to_string(&awaiting).unwrap();
    let back: AwaitingColumns = serde_json::from_str(&json).unwrap();
    assert_eq!(back, awaiting);
    assert_eq!(back.error.to_string(), awaiting.error.to_string());
}
