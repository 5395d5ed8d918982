//! The outcomes' figures, described as charts that `crate::charts` draws.

use super::calls::CallsResult;
use super::reoffending::GroupCurve;
use super::series::Month;
use crate::charts::{Chart, Dash, Series, XAxis};
use crate::model::{long_date, month_index, Day, Level};

/// Level colours (ColorBrewer OrRd, docs/methods.md#level-colours); D is darkened for lines on white.
pub fn level_color(level: Level) -> &'static str {
    match level {
        Level::D => "#d9a03f",
        Level::C => "#fc8d59",
        Level::B => "#e34a33",
        Level::A => "#b30000",
    }
}

/// Monthly IPV calls (or incidents) with the segmented regression and its counterfactual,
/// drawn over the complete months it was fitted to.
pub fn calls_chart(calls: &CallsResult, start: Day) -> Chart {
    let counted = calls.counted;
    let mut series = vec![Series::line(format!("IPV {counted} per month"), "#1d2127", month_points(&calls.months))];
    if let Some(its) = &calls.its {
        let complete = &calls.months[calls.periods.complete.clone()];
        let months = complete.iter().map(|m| f64::from(m.month));
        series.push(Series::line(
            "Trend model (segmented regression)",
            "#b30000",
            months.clone().zip(its.fitted.iter().copied()).collect(),
        ));
        let after = months.zip(its.counterfactual.iter().copied()).skip(calls.periods.its_sides().0).collect();
        let mut line = Series::line("Had the trend continued", "#59616d", after);
        line.dash = Dash::Dashed;
        series.push(line);
    }
    let title = format!("IPV {counted} per month before and after the intervention start");
    month_chart(&title, &format!("IPV {counted} per month"), start, series)
}

/// The line style of a level's curve (docs/methods.md#level-colours): with the colour, it tells
/// the levels apart in grey print and for colour-blind readers.
pub fn level_dash(level: Level) -> Dash {
    match level {
        Level::D => Dash::Solid,
        Level::C => Dash::LongDashed,
        Level::B => Dash::Dashed,
        Level::A => Dash::Dotted,
    }
}

/// Kaplan-Meier curves (share not yet reoffended) with their 95% bands, each group in its colour
/// and line style.
pub fn survival_chart(title: &str, x_title: &str, groups: &[GroupCurve], styles: &[(&str, Dash)]) -> Chart {
    let series = groups
        .iter()
        .zip(styles)
        .map(|(g, &(color, dash))| {
            let mut points = vec![(0.0, 1.0)];
            points.extend(g.curve.points.iter().map(|p| (p.time, p.survival)));
            let band = g.curve.points.iter().filter_map(|p| Some((p.time, p.low?, p.high?))).collect();
            Series { label: g.label.clone(), color: color.to_string(), points, step: true, dash, band }
        })
        .collect();
    Chart {
        title: title.into(),
        x_title: x_title.into(),
        y_title: "Share not reoffended".into(),
        x_axis: XAxis::Numbers,
        series,
        marker: None,
        y_from_zero: true,
    }
}

/// Monthly counts with the intervention start marked.
pub fn month_chart(title: &str, y_title: &str, start: Day, series: Vec<Series>) -> Chart {
    Chart {
        title: title.into(),
        x_title: "Month".into(),
        y_title: y_title.into(),
        x_axis: XAxis::Months,
        series,
        marker: Some((f64::from(month_index(start)), format!("Intervention start ({})", long_date(start)))),
        y_from_zero: true,
    }
}

/// One month series as chart points.
pub fn month_points(months: &[Month]) -> Vec<(f64, f64)> {
    months.iter().map(|m| (f64::from(m.month), m.count as f64)).collect()
}

/// Kaplan-Meier curves by level, each in its level's colour and line style.
pub fn survival_by_level(groups: &[GroupCurve]) -> Chart {
    let styles: Vec<(&str, Dash)> =
        groups.iter().map(|g| g.level.map_or(("#1d2127", Dash::Solid), |l| (level_color(l), level_dash(l)))).collect();
    survival_chart("Share not reoffended after notification, by level", "Days since notification", groups, &styles)
}
