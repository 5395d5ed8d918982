//! The outcomes' figures, described as charts that `crate::charts` draws.

use super::calls::CallsResult;
use super::reoffending::GroupCurve;
use super::series::Month;
use crate::charts::{Chart, Series, XAxis};
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

/// Monthly IPV calls (or incidents) with the segmented regression and its counterfactual.
pub fn calls_chart(calls: &CallsResult, start: Day) -> Chart {
    let counted = calls.counted;
    let mut series = vec![Series::line(format!("IPV {counted} per month"), "#1d2127", month_points(&calls.months))];
    if let Some(its) = &calls.its {
        let months = calls.months.iter().map(|m| f64::from(m.month));
        series.push(Series::line(
            "Fitted (segmented regression)",
            "#b30000",
            months.clone().zip(its.fitted.iter().copied()).collect(),
        ));
        let after = months.zip(its.counterfactual.iter().copied()).skip(calls.its_start_index).collect();
        let mut line = Series::line("Had the trend continued", "#59616d", after);
        line.dashed = true;
        series.push(line);
    }
    let title = format!("IPV {counted} per month before and after the intervention start");
    month_chart(&title, &format!("IPV {counted} per month"), start, series)
}

/// Kaplan-Meier curves (share not yet reoffended) with their 95% bands.
pub fn survival_chart(title: &str, groups: &[GroupCurve], colors: &[&str]) -> Chart {
    let series = groups
        .iter()
        .zip(colors)
        .map(|(g, color)| {
            let mut points = vec![(0.0, 1.0)];
            points.extend(g.curve.points.iter().map(|p| (p.time, p.survival)));
            let band = g.curve.points.iter().filter_map(|p| Some((p.time, p.low?, p.high?))).collect();
            Series { label: g.label.clone(), color: color.to_string(), points, step: true, dashed: false, band }
        })
        .collect();
    Chart {
        title: title.into(),
        x_title: "Days since the index date".into(),
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

/// Kaplan-Meier curves by level, each in its level's colour.
pub fn survival_by_level(groups: &[GroupCurve]) -> Chart {
    let colors: Vec<&str> = groups.iter().map(|g| g.level.map_or("#1d2127", level_color)).collect();
    survival_chart("Share not reoffended after notification, by level", groups, &colors)
}
