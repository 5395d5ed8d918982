# Reference values for the statistics module, computed by R and its `survival` package.
# Run from the repository root:  Rscript tests/reference/make_reference.R
# It writes tests/reference/stats.json (inputs and expected outputs); the native tests compare
# the engine with it to 1e-6, so CI needs neither R nor any R package.
# Debian: apt-get install r-base-core r-cran-survival
suppressMessages(library(survival))

num <- function(x) {
  if (length(x) == 0) return("[]")
  v <- ifelse(!is.finite(x), "null", sprintf("%.15g", x))
  paste0("[", paste(v, collapse = ","), "]")
}
one <- function(x) if (!is.finite(x)) "null" else sprintf("%.15g", x)
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf("\"%s\":%s", names(kv), unlist(kv)), collapse = ","), "}")
}

out <- c()

# Kaplan-Meier with log-log bands: the aml data (ties, censoring), one curve per group and pooled.
km_case <- function(name, time, status) {
  fit <- survfit(Surv(time, status) ~ 1, conf.type = "log-log")
  med <- summary(fit)$table[["median"]]
  obj(name = sprintf("\"%s\"", name), time = num(time), status = num(status),
      out_time = num(fit$time), n_risk = num(fit$n.risk), n_event = num(fit$n.event),
      n_censor = num(fit$n.censor), surv = num(fit$surv), std_err = num(fit$std.err),
      lower = num(fit$lower), upper = num(fit$upper), median = one(med))
}
km <- c(
  km_case("aml", aml$time, aml$status),
  km_case("aml maintained", aml$time[aml$x == "Maintained"], aml$status[aml$x == "Maintained"]),
  km_case("ties and censoring at one time", c(1, 2, 2, 2, 3, 4, 4, 5, 6, 6), c(1, 1, 1, 0, 0, 1, 0, 1, 1, 0)),
  km_case("median on a flat 0.5", c(1, 2, 3, 4), c(1, 1, 1, 1))
)
out <- c(out, sprintf("\"kaplan_meier\":[%s]", paste(km, collapse = ",")))

# Log-rank: two groups (aml) and three groups (lung, ECOG 0-2).
lr_case <- function(name, time, status, group) {
  g <- as.integer(factor(group)) - 1
  t <- survdiff(Surv(time, status) ~ g)
  obj(name = sprintf("\"%s\"", name), time = num(time), status = num(status), group = num(g),
      groups = one(length(unique(g))), observed = num(t$obs), expected = num(t$exp),
      chisq = one(t$chisq), df = one(length(t$n) - 1),
      p = one(pchisq(t$chisq, length(t$n) - 1, lower.tail = FALSE)))
}
lung3 <- lung[!is.na(lung$ph.ecog) & lung$ph.ecog <= 2, ]
lr <- c(
  lr_case("aml", aml$time, aml$status, aml$x),
  lr_case("lung by ECOG", lung3$time, lung3$status - 1, lung3$ph.ecog)
)
out <- c(out, sprintf("\"log_rank\":[%s]", paste(lr, collapse = ",")))

# Wilson intervals (prop.test without continuity correction).
wl <- sapply(list(c(31, 499), c(0, 20), c(10, 10), c(83, 500)), function(kn) {
  ci <- prop.test(kn[1], kn[2], correct = FALSE)$conf.int
  obj(k = one(kn[1]), n = one(kn[2]), low = one(ci[1]), high = one(ci[2]))
})
out <- c(out, sprintf("\"wilson\":[%s]", paste(wl, collapse = ",")))

# Poisson rate ratio: High Point IPV calls, FY2011-12 vs FY2012-13, per year, and IP homicides,
# 5 years before vs after (docs/methods.md#reported-figures).
rr <- function(a, ta, b, tb) {
  r <- (b / tb) / (a / ta); h <- qnorm(0.975) * sqrt(1 / a + 1 / b)
  obj(before = one(a), before_time = one(ta), after = one(b), after_time = one(tb),
      ratio = one(r), low = one(r * exp(-h)), high = one(r * exp(h)))
}
out <- c(out, sprintf("\"rate_ratio\":[%s]", paste(c(rr(4901, 366, 4114, 365), rr(17, 5, 6, 5)), collapse = ",")))

# Interrupted time series: 36 months, start at month 18, with and without month terms.
set.seed(2012)
t <- 0:35
month0 <- (t + 3) %% 12            # the series starts in April
y <- round(120 + 0.8 * t - 15 * (t >= 18) - 0.5 * pmax(0, t - 18) + 10 * cos(2 * pi * (month0 - 6) / 12) + rnorm(36, 0, 6))
its_case <- function(seasonal) {
  d <- data.frame(y = y, t = t, post = as.numeric(t >= 18), tpost = (t - 18) * (t >= 18), m = factor(month0, levels = 0:11))
  f <- if (seasonal) lm(y ~ t + post + tpost + m, data = d) else lm(y ~ t + post + tpost, data = d)
  ci <- confint(f)
  obj(seasonal = if (seasonal) "true" else "false", counts = num(y), start = "18", first_month0 = "3",
      estimate = num(coef(f)), low = num(ci[, 1]), high = num(ci[, 2]), se = num(summary(f)$coefficients[, 2]),
      df = one(f$df.residual))
}
out <- c(out, sprintf("\"its\":[%s]", paste(c(its_case(FALSE), its_case(TRUE)), collapse = ",")))

# Wilcoxon signed-rank, paired, normal approximation with corrections (ties and a zero).
x <- c(120, 45, 300, 12, 90, 60, 33, 210, 75, 75, 14, 400)
yy <- c(60, 45, 150, 30, 90, 20, 40, 100, 30, 80, 14, 200)
w <- wilcox.test(x, yy, paired = TRUE, exact = FALSE, correct = TRUE)
out <- c(out, sprintf("\"wilcoxon\":[%s]", obj(x = num(x), y = num(yy), statistic = one(w$statistic), p = one(w$p.value))))

writeLines(paste0("{\"generated_by\":\"", R.version.string, ", survival ", packageVersion("survival"), "\",", paste(out, collapse = ","), "}"),
           "tests/reference/stats.json")
