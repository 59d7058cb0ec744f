# Reference values for the loyalty analyses of `servqual analyze` (issue 18), computed from the raw
# CSV files with base R, independently of servqual's code. Run from the repo root:
#   Rscript test/reference/loyalty.R > test/reference/loyalty.json
# fixtures/loyalty.csv = servqual simulate --loyalty --n 600 --seed 18 --missing 0.01
# fixtures/sample.csv  = servqual simulate --n 300 --seed 2026 (no complaint columns)
library(jsonlite)
rm1 <- function(d, ids) {
  m <- as.matrix(d[, paste0(ids, "_perf"), drop = FALSE])
  r <- rowMeans(m, na.rm = TRUE); r[is.nan(r)] <- NA; r
}
sq <- c(paste0("tan", 1:4), paste0("rel", 1:5), paste0("res", 1:4), paste0("ass", 1:4),
        paste0("emp", 1:5))
rq <- c(paste0("int", 1:3), paste0("ben", 1:3), paste0("com", 1:3), paste0("sat", 1:3),
        paste0("con", 1:3))
# Loyalty items may be named <id>_perf; reverse-keyed con items reflected x' = 8 - x.
prep <- function(file) {
  d <- read.csv(file, na.strings = c("", "NA"), stringsAsFactors = FALSE)
  for (k in paste0("con", 1:3, "_perf")) d[[k]] <- 8 - d[[k]]
  d
}
wilson <- function(x, n) { z <- qnorm(0.975); p <- x / n
  c((p + z^2/(2*n) - z*sqrt(p*(1-p)/n + z^2/(4*n^2))) / (1 + z^2/n),
    (p + z^2/(2*n) + z*sqrt(p*(1-p)/n + z^2/(4*n^2))) / (1 + z^2/n)) }

typology <- function(d, split = "midpoint") {
  att <- rm1(d, c("recommend", "forgive", "try_new")); pat <- rm1(d, c("repurchase", "wallet"))
  ca <- if (split == "median") median(att, na.rm = TRUE) else 4
  cp <- if (split == "median") median(pat, na.rm = TRUE) else 4
  ok <- !is.na(att) & !is.na(pat)
  type <- ifelse(att > ca, ifelse(pat > cp, "true", "latent"), ifelse(pat > cp, "spurious", "none"))
  type[!ok] <- NA
  n <- sum(ok)
  rqm <- rm1(d, rq)
  types <- lapply(c("true", "latent", "spurious", "none"), function(t) {
    x <- sum(type == t, na.rm = TRUE); r <- rqm[which(type == t)]; r <- r[!is.na(r)]
    list(type = t, count = x, share = x / n, ci = wilson(x, n), rqMean = mean(r), rqSd = sd(r),
      rqN = length(r)) })
  ret <- sum(type %in% c("true", "spurious"))
  # Spurious vs true: Welch on the per-respondent gap perf - imp of each SQ/RQ attribute
  # (respondents with both ratings), R's t.test(spurious, true); Holm over the attributes.
  welch <- lapply(c(sq, rq), function(a) {
    g <- d[[paste0(a, "_perf")]] - d[[paste0(a, "_imp")]]
    x <- g[which(type == "spurious")]; y <- g[which(type == "true")]
    tt <- t.test(x[!is.na(x)], y[!is.na(y)])
    list(id = a, t = unname(tt$statistic), df = unname(tt$parameter), p = tt$p.value) })
  padj <- p.adjust(sapply(welch, function(w) w$p), "holm")
  for (i in seq_along(welch)) welch[[i]]$pAdjusted <- padj[i]
  list(split = split, attitudeCut = ca, patronageCut = cp, classified = n, types = types,
    spuriousAmongRetained = list(count = sum(type == "spurious", na.rm = TRUE), n = ret,
      ci = wilson(sum(type == "spurious", na.rm = TRUE), ret)), welch = welch)
}

prca <- function(d) {
  sat <- rm1(d, paste0("sat", 1:3))
  X <- as.matrix(d[, paste0(sq, "_perf")])
  low <- (X <= 2.5) * 1; high <- (X >= 5.5) * 1
  ok <- !is.na(sat) & rowSums(is.na(X)) == 0
  joint <- NULL
  if (sum(ok) >= 10 * 2 * length(sq)) {
    Z <- do.call(cbind, lapply(seq_along(sq), function(j) cbind(low[ok, j], high[ok, j])))
    f <- summary(lm(sat[ok] ~ Z)); co <- unname(coef(f))
    joint <- list(n = sum(ok), estimate = co[, 1], se = co[, 2], t = co[, 3], p = co[, 4],
                  rSquared = f$r.squared)
  }
  per <- lapply(seq_along(sq), function(j) {
    r <- !is.na(sat) & !is.na(X[, j])
    l <- low[r, j]; h <- high[r, j]; cols <- list()
    if (length(unique(l)) > 1) cols$low <- l
    if (length(unique(h)) > 1) cols$high <- h
    df <- data.frame(y = sat[r], cols)
    f <- summary(lm(y ~ ., data = df)); co <- coef(f)
    get <- function(nm)
      if (nm %in% rownames(co)) as.list(setNames(co[nm, ], c("estimate", "se", "t", "p"))) else NULL
    list(id = sq[j], n = sum(r), low = sum(l), high = sum(h), low_coef = get("low"),
      high_coef = get("high")) })
  list(completeCases = sum(ok), joint = joint, perAttribute = per)
}

complaints <- function(d) {
  sat <- rm1(d, paste0("sat", 1:3))
  cl <- rm1(d, c("repurchase", "wallet", "recommend", "forgive", "try_new"))
  c <- d$complained; answered <- !is.na(c) & c != ""
  dis <- answered & !is.na(sat) & sat < 4
  silent <- sum(dis & c == "no")
  g <- function(sel) {
    x <- cl[which(sel)]; x <- x[!is.na(x)]
    list(n = length(x), mean = mean(x), sd = sd(x), x = x)
  }
  non <- g(answered & c == "no"); res <- g(answered & c == "yes" & d$resolved %in% "yes")
  part <- g(answered & c == "yes" & d$resolved %in% "partly")
  unr <- g(answered & c == "yes" & d$resolved %in% "no")
  t1 <- t.test(res$x, non$x); t2 <- t.test(res$x, unr$x)
  padj <- p.adjust(c(t1$p.value, t2$p.value), "holm")
  h <- d$response_hours; sel <- answered & c == "yes" & !is.na(h) & !is.na(cl)
  sp <- cor.test(h[sel], cl[sel], method = "spearman", exact = FALSE)
  band <- function(lo, hi) {
    x <- cl[sel & h > lo & h <= hi]
    list(n = length(x), mean = mean(x), sd = sd(x))
  }
  strip <- function(z) z[c("n", "mean", "sd")]
  list(answered = sum(answered), complained = sum(answered & c == "yes"),
    complainedCi = wilson(sum(answered & c == "yes"), sum(answered)),
    dissatisfied = sum(dis), silent = silent, silentCi = wilson(silent, sum(dis)),
    groups = list(nonComplainers = strip(non), resolved = strip(res), partly = strip(part),
      unresolved = strip(unr)),
    tests = list(
      list(compare = "resolved-vs-non-complainers",
        estimate = unname(t1$estimate[1] - t1$estimate[2]), t = unname(t1$statistic),
        df = unname(t1$parameter), p = t1$p.value, ci = as.numeric(t1$conf.int),
        pAdjusted = padj[1]),
      list(compare = "resolved-vs-unresolved",
        estimate = unname(t2$estimate[1] - t2$estimate[2]), t = unname(t2$statistic),
        df = unname(t2$parameter), p = t2$p.value, ci = as.numeric(t2$conf.int),
        pAdjusted = padj[2])),
    bands = list(band(-Inf, 2), band(2, 24), band(24, Inf)),
    spearman = list(call = "cor.test(hours, loyalty, method = 'spearman', exact = FALSE)",
      n = sum(sel), rho = unname(sp$estimate), p = sp$p.value))
}

loyal <- prep("fixtures/loyalty.csv"); sample <- prep("fixtures/sample.csv")
out <- list(
  loyalty = list(typology = typology(loyal), median = typology(loyal, "median"),
    prca = prca(loyal), complaints = complaints(loyal)),
  sample = list(typology = typology(sample), prca = prca(sample)))
cat(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null", na = "null"))
