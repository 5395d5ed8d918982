use super::*;

fn month(year: i32, month0: i32) -> f64 {
    f64::from(year * 12 + month0)
}

fn calls_chart() -> Chart {
    let counts: Vec<(f64, f64)> =
        (0..36).map(|i| (month(2018, 0) + f64::from(i), 11_000.0 + f64::from(i % 7) * 250.0)).collect();
    let mut trend = Series::line(
        "Had the trend continued",
        "#59616d",
        vec![(month(2019, 6), 12_000.0), (month(2020, 11), 12_500.0)],
    );
    trend.dash = Dash::Dashed;
    Chart {
        title: "IPV calls <per> month".into(),
        x_title: "Month".into(),
        y_title: "IPV calls per month".into(),
        x_axis: XAxis::Months,
        series: vec![Series::line("Calls & \"more\", n = 412", "#b30000", counts), trend],
        marker: Some((month(2019, 6), "Intervention start (1 Jul 2019)".into())),
        y_from_zero: true,
    }
}

fn survival_chart() -> Chart {
    let points = vec![(0.0, 1.0), (30.0, 0.9), (200.0, 0.7), (1200.0, 0.55)];
    let band = vec![(30.0, 0.85, 0.95), (200.0, 0.62, 0.78), (1200.0, 0.45, 0.65)];
    let series = Series {
        label: "Level A, n = 37".into(),
        color: "#b30000".into(),
        points,
        step: true,
        dash: Dash::Solid,
        band,
    };
    Chart {
        title: "Share not reoffended".into(),
        x_title: "Days since the index date".into(),
        y_title: "Share not reoffended".into(),
        x_axis: XAxis::Numbers,
        series: vec![series],
        marker: None,
        y_from_zero: true,
    }
}

/// The text of every `<text>` element, in order.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>'))
        .map(|(_, rest)| rest.split("</text>").next().unwrap_or("").trim().to_string())
        .collect()
}

#[test]
fn a_chart_has_its_title_axes_marker_legend_and_escaped_text() {
    let svg = svg(&calls_chart(), 820.0, 380.0);
    assert!(
        svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="820" height="380" viewBox="0 0 820 380""#)
    );
    assert!(svg.contains("<title>IPV calls &lt;per&gt; month</title>"));
    assert!(svg.trim_end().ends_with("</svg>"));
    let texts = texts(&svg);
    for expected in ["Month", "IPV calls per month", "Intervention start (1 Jul 2019)", "Had the trend continued"] {
        assert!(texts.iter().any(|t| t == expected), "no text {expected:?} in {texts:?}");
    }
    assert!(texts.iter().any(|t| t == "Calls &amp; &quot;more&quot;, n = 412"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "Jan 2019") && texts.iter().any(|t| t == "Jan 2020"), "{texts:?}");
    assert!(
        texts.iter().any(|t| t == "10,000") && texts.iter().any(|t| t == "15,000"),
        "thousands separators: {texts:?}"
    );
    assert!(texts.iter().any(|t| t == "0"), "the y axis starts at zero: {texts:?}");
    assert!(svg.contains(r##"fill="#FFFFFF""##), "a white background");
    assert!(svg.contains(r##"fill="#EEF1F5""##), "the period after the start is shaded");
    assert!(svg.contains("font-family=\"system-ui,") && !svg.contains("@font-face") && !svg.contains("url("));
}

#[test]
fn the_same_chart_gives_the_same_bytes() {
    assert_eq!(svg(&calls_chart(), 820.0, 380.0), svg(&calls_chart(), 820.0, 380.0));
    assert_eq!(svg(&survival_chart(), 640.0, 300.0), svg(&survival_chart(), 640.0, 300.0));
    assert_ne!(svg(&calls_chart(), 820.0, 380.0), svg(&calls_chart(), 700.0, 380.0));
}

#[test]
fn dashed_series_and_the_marker_are_drawn_in_dashes() {
    let mut solid = calls_chart();
    solid.series.truncate(1);
    solid.marker = None;
    let dashed = svg(&calls_chart(), 820.0, 380.0);
    let polylines = |s: &str| s.matches("<polyline").count();
    // The marker (~250 px in 9 px periods) and the trend line (~330 px in 10 px periods).
    assert!(polylines(&dashed) > polylines(&svg(&solid, 820.0, 380.0)) + 40);
}

#[test]
fn a_step_series_holds_each_value_until_the_next_x_and_its_band_is_filled() {
    let svg = svg(&survival_chart(), 820.0, 380.0);
    let line = svg
        .split("<polyline")
        .find(|p| p.contains(r##"stroke="#B30000""##) && p.contains("stroke-width=\"2\""))
        .unwrap();
    let points: Vec<(i32, i32)> = line
        .split("points=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .split_whitespace()
        .map(|p| p.split_once(',').map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap())).unwrap())
        .collect();
    assert_eq!(points.len(), 7, "4 points, 3 steps: {points:?}");
    for pair in points.windows(2) {
        assert!(pair[0].0 == pair[1].0 || pair[0].1 == pair[1].1, "only horizontal and vertical moves: {points:?}");
    }
    assert!(svg.contains(r##"<polygon opacity="0.18" fill="#B30000""##), "the band: {svg}");
    let texts = texts(&svg);
    assert!(
        texts.iter().any(|t| t == "1,000") && texts.iter().any(|t| t == "0.2") && texts.iter().any(|t| t == "1.0"),
        "{texts:?}"
    );
}

#[test]
fn charts_with_no_point_or_one_point_are_drawn() {
    let mut empty = calls_chart();
    empty.series = vec![Series::line("Nothing", "#1d2127", Vec::new())];
    empty.marker = None;
    let svg_empty = svg(&empty, 820.0, 380.0);
    assert!(texts(&svg_empty).iter().any(|t| t == "No data to show"));
    let mut one = calls_chart();
    one.series = vec![Series::line("One month", "#1d2127", vec![(month(2019, 0), 5.0)])];
    one.marker = None;
    let svg_one = svg(&one, 820.0, 380.0);
    assert!(svg_one.contains("<circle") && texts(&svg_one).iter().any(|t| t == "Jan 2019"));
    let mut odd = calls_chart();
    odd.series[0].points.push((f64::NAN, 3.0));
    odd.series[0].points.push((month(2021, 0), f64::INFINITY));
    assert!(svg(&odd, 820.0, 380.0).contains("Intervention start"));
    assert!(svg(&calls_chart(), 120.0, 80.0).ends_with("</svg>\n"), "a tiny size still gives a document");
}

#[test]
fn a_colour_that_is_not_rrggbb_is_explained_in_the_picture() {
    let mut chart = calls_chart();
    chart.series[0].color = "red".into();
    let svg = svg(&chart, 820.0, 380.0);
    assert!(svg.contains("The chart could not be drawn: the colour &quot;red&quot; is not of the form #rrggbb"));
    assert!(svg.contains("<title>IPV calls &lt;per&gt; month</title>"));
}

#[test]
fn long_legends_wrap_within_the_width() {
    let mut chart = calls_chart();
    chart.series = (0..6)
        .map(|i| {
            Series::line(
                format!("A rather long label for group {i}, n = 1,234"),
                "#1d2127",
                vec![(month(2019, 0), 1.0)],
            )
        })
        .collect();
    let (entries, rows) = draw::legend_entries(&chart, 80, 800);
    assert_eq!(entries.len(), 6);
    assert!(rows >= 3, "{entries:?}");
    for (i, x, _) in &entries {
        let width = 30 + scale::text_width(&chart.series[*i].label, 12.0) as i32;
        assert!(*x >= 80 && x + width <= 800, "{entries:?}");
    }
    let svg = svg(&chart, 820.0, 380.0);
    assert_eq!(texts(&svg).iter().filter(|t| t.starts_with("A rather long label")).count(), 6);
}

#[test]
fn the_description_names_axes_legend_and_marker() {
    let text = describe(&calls_chart());
    assert!(text.starts_with("Horizontal axis: Month. Vertical axis: IPV calls per month."));
    assert!(text.contains("Legend: Calls & \"more\", n = 412; Had the trend continued (dashed line)."));
    assert!(text.contains("marks the intervention start (1 Jul 2019); the period after it is shaded"));
    assert!(describe(&survival_chart()).contains("Level A, n = 37 (steps, with its 95% confidence band)"));
}

#[test]
fn the_marker_label_goes_where_it_fits() {
    use draw::Side;
    let label = "Intervention start (11 Jan 2019)";
    assert_eq!(draw::marker_lines(label, (10.0, 600.0)), (vec![label.to_string()], Side::Right));
    assert_eq!(draw::marker_lines(label, (600.0, 10.0)), (vec![label.to_string()], Side::Left));
    let two = vec!["Intervention start".to_string(), "(11 Jan 2019)".to_string()];
    assert_eq!(draw::marker_lines(label, (150.0, 130.0)), (two.clone(), Side::Right));
    assert_eq!(draw::marker_lines(label, (130.0, 60.0)), (two.clone(), Side::Left));
    assert_eq!(draw::marker_lines(label, (20.0, 30.0)), (two, Side::Right));
    let narrow = svg(&calls_chart(), 330.0, 300.0);
    assert!(texts(&narrow).iter().any(|t| t == "(1 Jul 2019)"), "{:?}", texts(&narrow));
}

#[test]
fn line_styles_are_drawn_in_their_patterns_and_named_in_the_description() {
    let mut chart = survival_chart();
    let count = |chart: &Chart| svg(chart, 820.0, 380.0).matches("<polyline").count();
    let solid = count(&chart);
    chart.series[0].dash = Dash::LongDashed;
    let long = count(&chart);
    chart.series[0].dash = Dash::Dotted;
    let dotted = count(&chart);
    // Shorter periods give more pieces: solid < long dashes < dots.
    assert!(solid < long && long < dotted, "{solid} {long} {dotted}");
    assert!(describe(&chart).contains("Level A, n = 37 (dotted steps, with its 95% confidence band)"));
    let patterns = [Dash::Solid, Dash::Dashed, Dash::LongDashed, Dash::Dotted].map(Dash::pattern);
    assert_eq!(patterns[0], None);
    assert!(patterns[1..].iter().all(|p| p.is_some()) && patterns[1] != patterns[2] && patterns[2] != patterns[3]);
}
