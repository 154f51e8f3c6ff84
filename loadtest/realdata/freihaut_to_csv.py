#!/usr/bin/env python3
"""Freihaut & Goeritz (2021) point-click pickle -> participant,condition,t,event,x,y (read by FreihautPointClick).

The pickle maps participant -> {"HS_PointClick" | "LS_PointClick": {"eventType", "x", "y", "DiffTime", ...}};
DiffTime is ms since the task started. Needs pandas (Debian: apt-get install python3-pandas).
Usage: freihaut_to_csv.py Data_PointClick_Task.pkl out.csv
"""
import csv
import sys

import pandas as pd

data = pd.read_pickle(sys.argv[1])
with open(sys.argv[2], "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["participant", "condition", "t", "event", "x", "y"])
    for participant, tasks in data.items():
        for task, events in tasks.items():
            condition = task.split("_")[0]
            for kind, t, x, y in zip(events["eventType"], events["DiffTime"], events["x"], events["y"]):
                out.writerow([participant, condition, int(t), "click" if kind == "MouseClick" else "move", x, y])
