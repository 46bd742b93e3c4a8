#!/usr/bin/env python3
"""Writes deals.jsonl: 60 deals of five reps, with every fact the default
playbook reads, for the report's end-to-end and browser tests. Deterministic:
run it again and the file is the same."""
import json
import random

random.seed(9)
OWNERS = ["Maria Schäfer", "James O'Brien", "陈伟", "Ольга Смирнова", "Zoë Martín"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Soylent", "Stark", "Wayne",
             "Wonka", "Tyrell", "Cyberdyne", "Aperture", "Vandelay", "Pied Piper", "Dunder Mifflin"]
WHAT = ["500 seats", "renewal FY27", "pilot", "expansion", "EMEA rollout", "support plan"]

def facts(i):
    role = random.choice(["first_kp", "first_kp", "second_kp", "third_kp", "unknown"])
    return {
        "contact_role": role,
        "has_need": random.random() > 0.1,
        "can_pay": random.random() > 0.12,
        "sees_value": random.choice(["yes", "yes", "yes", "not_yet", "no"]),
        "stage": random.choice(["discovery", "presentation", "negotiation", "negotiation", "final_20_min"]),
        "last_response": random.choice(["none", "interested", "think_about_it", "think_about_it",
                                        "objection", "late_change", "ready_to_buy", "refused"]),
        "soft_closes_tried": random.choice([0, 1, 2, 3]),
        "hard_close_tried": random.random() < 0.25,
        "on_shortlist": random.random() > 0.4,
        "real_urgency": random.random() > 0.6,
        "relationship_value": random.choice(["low", "normal", "normal", "high"]),
        "win_lose_negotiator": random.random() < 0.08,
        "days_in_cycle": random.choice([3, 6, 9, 12, 15, 24, 40]),
    }

with open("deals.jsonl", "w", encoding="utf-8") as out:
    for i in range(60):
        deal = {"id": f"D-{1001 + i}", "name": f"{random.choice(COMPANIES)} - {random.choice(WHAT)}",
                "owner": OWNERS[(i * 7) % len(OWNERS)] if i % 23 != 22 else None, "facts": facts(i)}
        out.write(json.dumps(deal, ensure_ascii=False) + "\n")
