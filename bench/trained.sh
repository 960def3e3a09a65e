# Sourced by the bench scripts. `trained CROSSBATCH` trains the class-data archive of every group of
# commands of the crossbatch launcher given, now: the steady state a user has from the second run on
# (the launcher trains them in the background on first use; CROSSBATCH_CDS=train does it at once).
trained() {
  CROSSBATCH_CDS=train "$1" --version >/dev/null
}
