#!/usr/bin/env python3
"""Wall time of commands run in turn (A, B, A, B, ...), so that a machine getting busier or
quieter affects them alike. Prints median, mean and the 10th/90th percentiles per command.

usage: interleaved.py RUNS NAME=COMMAND NAME=COMMAND ...   (commands are split on spaces)
"""
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
commands = [arg.split("=", 1) for arg in sys.argv[2:]]
times = {name: [] for name, _ in commands}
for name, command in commands:  # one warm-up each
    subprocess.run(command.split(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
for _ in range(runs):
    for name, command in commands:
        start = time.perf_counter()
        subprocess.run(command.split(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times[name].append(time.perf_counter() - start)
print("| command | median | mean | p10 | p90 | runs |")
print("|---|---|---|---|---|---|")
for name, _ in commands:
    t = sorted(times[name])
    pct = lambda p: t[min(len(t) - 1, int(p * len(t)))]
    print("| %s | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %d |" % (
        name, statistics.median(t) * 1000, statistics.mean(t) * 1000, pct(0.1) * 1000, pct(0.9) * 1000, len(t)))
