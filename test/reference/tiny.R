options(digits = 17)
d <- read.csv("fixtures/tiny.csv", na.strings = c("", "NA"))
d$c2_perf <- 8 - d$c2_perf   # reverse-keyed: x' = 1 + 7 - x
res <- list()
for (a in c("s1", "s2", "c1", "c2")) {
  imp <- d[[paste0(a, "_imp")]]; perf <- d[[paste0(a, "_perf")]]
  ok <- !is.na(imp) & !is.na(perf)
  tt <- t.test(perf[ok], imp[ok], paired = TRUE)
  w <- suppressWarnings(wilcox.test(perf[ok], imp[ok], paired = TRUE, exact = FALSE))
  cat(a, "n", sum(ok), "impmean", mean(imp[ok]), "impsd", sd(imp[ok]),
      "perfmean", mean(perf[ok]), "perfsd", sd(perf[ok]), "\n")
  cat(a, "gap", tt$estimate, "sd", sd(perf[ok]-imp[ok]), "se", tt$stderr,
      "t", tt$statistic, "df", tt$parameter, "p", tt$p.value, "ci", tt$conf.int,
      "wilcoxP", w$p.value, "V", w$statistic, "\n")
  res[[a]] <- tt$p.value
}
cat("holm", p.adjust(unlist(res), "holm"), "\n")
cons <- list(speed = c("s1", "s2"), care = c("c1", "c2"), SQ = c("s1", "s2", "c1", "c2"))
cp <- c()
for (k in names(cons)) {
  B <- sapply(cons[[k]], function(a) d[[paste0(a, "_imp")]])
  P <- sapply(cons[[k]], function(a) d[[paste0(a, "_perf")]])
  both <- !is.na(B) & !is.na(P); B[!both] <- NA; P[!both] <- NA
  bm <- rowMeans(B, na.rm = TRUE); pm <- rowMeans(P, na.rm = TRUE); ok <- !is.nan(bm)
  tt <- t.test(pm[ok], bm[ok], paired = TRUE)
  w <- suppressWarnings(wilcox.test(pm[ok], bm[ok], paired = TRUE, exact = FALSE))
  cat(k, "n", sum(ok), "bm", bm, "pm", pm, "\n")
  cat(k, "gap", tt$estimate, "t", tt$statistic, "p", tt$p.value, "ci", tt$conf.int,
      "wilcoxP", w$p.value, "\n")
  cp[k] <- tt$p.value
}
cat("holm constructs", p.adjust(cp, "holm"), "\n")
cat("l1 mean", mean(d$l1), "sd", sd(d$l1), "\n")

# Zone of tolerance (fixtures/tiny-zot.csv; test/core/gaps/gaps.test.ts): c2 is reverse-keyed and
# reflected (8 − x) in all three roles; per attribute, over respondents with both ratings of a pair:
# MSA = perf − adequate, MSS = perf − desired, zone width = desired − adequate, each a one-sample
# t.test of the differences (the paired t of the two roles).
z <- read.csv("fixtures/tiny-zot.csv", na.strings = c("", "NA"))
for (r in c("adeq", "des", "perf")) z[[paste0("c2_", r)]] <- 8 - z[[paste0("c2_", r)]]
for (a in c("s1", "s2", "c1", "c2")) {
  ad <- z[[paste0(a, "_adeq")]]; de <- z[[paste0(a, "_des")]]; pe <- z[[paste0(a, "_perf")]]
  for (m in list(list("msa", pe, ad), list("mss", pe, de), list("width", de, ad))) {
    x <- m[[2]] - m[[3]]; x <- x[!is.na(x)]
    tt <- t.test(x)
    cat(a, m[[1]], "mean", mean(x), "ci", tt$conf.int, "p", tt$p.value, "\n")
  }
}
