//! The demo's comparison areas (docs/methods.md#comparison-areas): 24 neighbouring areas without
//! the programme, whose IPV calls for service follow the city's expected calls without the
//! programme, scaled by each area's size. The city's own calls drop by `call_drop` from the start
//! on and the areas' do not, so the planted difference between them is exactly the call drop.

use super::draw::{season, Draw};
use super::generator::call_base;
use super::DemoParams;
use crate::export::CsvOut;
use crate::model::{month_index, Dataset};
use crate::outcomes::comparison::{month_iso, AreaPanel};

/// The file `ipvi demo` writes the comparison areas to, and the panel's source.
pub const COMPARISON_FILE: &str = "comparison_areas.csv";
/// How many comparison areas the demo has.
pub const COMPARISON_AREAS: u32 = 24;
/// The random stream of the areas: past every person's (1 to `people`) and the calls' (0).
const AREAS_STREAM: u64 = 1 << 40;
/// Area sizes (relative to the city) are drawn uniformly between these (our choice: from a small
/// beat to one more than half the city's size).
const SIZE_RANGE: (f64, f64) = (0.05, 0.6);

/// The city's expected IPV calls for service in each month of the data window without the
/// programme (the calls' construction of `generator`, without the call drop), from the month of
/// the first day: (first month as `month_index`, expected calls by month).
pub(crate) fn expected_city_calls(params: &DemoParams, city: &Dataset) -> (i32, Vec<f64>) {
    let base = call_base(params, &city.incidents);
    let first = month_index(params.first_day);
    let mut months = vec![0.0; (month_index(params.last_day) - first + 1) as usize];
    for day in params.first_day..=params.last_day {
        months[(month_index(day) - first) as usize] += base * season(day);
    }
    (first, months)
}

/// Each area's size relative to the city, seeded.
fn sizes(rng: &mut Draw) -> Vec<f64> {
    (0..COMPARISON_AREAS).map(|_| SIZE_RANGE.0 + (SIZE_RANGE.1 - SIZE_RANGE.0) * rng.uniform()).collect()
}

/// The demo's comparison areas for the city `generate(params)` made: area k's IPV calls for
/// service in month t ~ Poisson(size_k x the city's expected calls in t without the programme).
pub fn comparison_areas(params: &DemoParams, city: &Dataset) -> AreaPanel {
    let mut rng = Draw::new(params.seed, AREAS_STREAM);
    let sizes = sizes(&mut rng);
    let (first_month, expected) = expected_city_calls(params, city);
    let counts = sizes.iter().map(|size| expected.iter().map(|m| f64::from(rng.poisson(size * m))).collect()).collect();
    AreaPanel {
        areas: (1..=COMPARISON_AREAS).map(|k| format!("Beat {k:02}")).collect(),
        first_month,
        counts,
        source: COMPARISON_FILE.to_string(),
        warnings: Vec::new(),
    }
}

/// A panel as a long-form comparison file: `area,month,count`, months as `YYYY-MM`.
pub fn write_comparison(panel: &AreaPanel) -> Vec<u8> {
    let mut out = CsvOut::new(b',', false);
    out.row(["area", "month", "count"]);
    for (area, counts) in panel.areas.iter().zip(&panel.counts) {
        for (month, n) in panel.month_indices().zip(counts) {
            out.row([area.as_str(), &month_iso(month), &format!("{n:.0}")]);
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Flags;
    use crate::outcomes::comparison::read_comparison;
    use crate::synth::generate;

    fn city(seed: u64) -> (DemoParams, Dataset) {
        let params = DemoParams { people: 1500, seed, ..DemoParams::default() };
        let data = generate(&params).expect("valid parameters");
        (params, data)
    }

    #[test]
    fn the_file_reads_back_into_the_same_panel_and_the_same_seed_gives_the_same_bytes() {
        let (params, data) = city(5);
        let panel = comparison_areas(&params, &data);
        assert_eq!((panel.areas.len(), panel.months()), (24, 72));
        assert_eq!(panel.describe(), "24 areas, January 2016 to December 2021 (72 months)");
        let bytes = write_comparison(&panel);
        assert!(bytes.starts_with(b"area,month,count\nBeat 01,2016-01,"));
        assert_eq!(read_comparison(COMPARISON_FILE, &bytes).expect("the demo's file reads"), panel);
        let (params2, data2) = city(5);
        assert_eq!(write_comparison(&comparison_areas(&params2, &data2)), bytes);
        let (params3, data3) = city(6);
        assert_ne!(write_comparison(&comparison_areas(&params3, &data3)), bytes, "another seed, other counts");
    }

    #[test]
    fn each_area_is_its_size_times_the_citys_expected_calls() {
        let (params, data) = city(11);
        let panel = comparison_areas(&params, &data);
        let (_, expected) = expected_city_calls(&params, &data);
        let sizes = sizes(&mut Draw::new(params.seed, AREAS_STREAM));
        let expected_total: f64 = expected.iter().sum();
        for (k, size) in sizes.iter().enumerate() {
            assert!((SIZE_RANGE.0..SIZE_RANGE.1).contains(size));
            let ratio = panel.counts[k].iter().sum::<f64>() / expected_total;
            assert!((ratio - size).abs() < 0.1 * size, "area {k}: {ratio} for size {size}");
        }
    }

    #[test]
    fn the_city_matches_its_expected_calls_before_the_start_and_drops_by_the_call_drop_after() {
        let (params, data) = city(3);
        let (first, expected) = expected_city_calls(&params, &data);
        let calls = data.calls.as_ref().expect("the demo has calls");
        let mut actual = vec![0.0; expected.len()];
        for i in (0..calls.len()).filter(|&i| calls.flags[i].has(Flags::IPV)) {
            actual[(month_index(calls.day[i]) - first) as usize] += 1.0;
        }
        let start = (month_index(params.start_day) - first) as usize;
        let ratio = |r: std::ops::Range<usize>| actual[r.clone()].iter().sum::<f64>() / expected[r].iter().sum::<f64>();
        let (before, after) = (ratio(0..start), ratio(start..expected.len()));
        assert!((before - 1.0).abs() < 0.05, "before the start: {before}");
        assert!((after - (1.0 - params.call_drop)).abs() < 0.05, "after the start: {after}");
    }
}
