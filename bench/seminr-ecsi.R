# bench/seminr-ecsi.R: seminr's bootstrap of the ECSI model (12 paths; seminr::mobi, the same
# data as test/reference/ecsi/ecsi_mobi.csv) on one core; prints elapsed milliseconds per
# resample.
#   Rscript bench/seminr-ecsi.R [resamples, default 100]
suppressMessages(library(seminr))
args <- commandArgs(trailingOnly = TRUE)
nboot <- if (length(args) > 0) as.integer(args[1]) else 100L
mm <- constructs(
  composite("IMAG", multi_items("IMAG", 1:5)),
  composite("EXPE", multi_items("CUEX", 1:3)),
  composite("QUAL", multi_items("PERQ", 1:7)),
  composite("VAL", multi_items("PERV", 1:2)),
  composite("SAT", multi_items("CUSA", 1:3)),
  composite("COM", single_item("CUSCO")),
  composite("LOY", multi_items("CUSL", 1:3))
)
sm <- relationships(
  paths(from = "IMAG", to = c("EXPE", "SAT", "LOY")),
  paths(from = "EXPE", to = c("QUAL", "VAL", "SAT")),
  paths(from = "QUAL", to = c("VAL", "SAT")),
  paths(from = "VAL", to = "SAT"),
  paths(from = "SAT", to = c("COM", "LOY")),
  paths(from = "COM", to = "LOY")
)
model <- estimate_pls(data = mobi, measurement_model = mm, structural_model = sm)
t <- system.time(
  boot <- suppressMessages(bootstrap_model(model, nboot = nboot, cores = 1, seed = 1))
)
# seminr runs resamples in worker processes even with cores = 1, whose CPU time R does not see:
# the figure is the elapsed time (one core busy).
cat(sprintf("seminr %s: %d resamples, %.2f s elapsed, %.2f ms a resample\n",
  as.character(packageVersion("seminr")), nboot, t[["elapsed"]], 1000 * t[["elapsed"]] / nboot))
