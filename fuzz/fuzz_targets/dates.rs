//! Date parsing: what a person types (`parse_day`) and what the row parser reads
//! (`parse_date_time` in both orders, the negative-serial check, the order evidence).
#![no_main]

use ipvi::ingest::dates::{is_negative_serial, order_evidence, parse_date_time, parse_day, DateOrder};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    parse_day(text);
    for order in [DateOrder::MonthFirst, DateOrder::DayFirst] {
        parse_date_time(text, order);
    }
    is_negative_serial(text);
    order_evidence(text.lines());
});
