#!/usr/bin/env python3
"""Writes the CRM export fixtures in this folder and the records expected of them.

Each CRM's export is written as that CRM writes it, and again as Excel re-saves
it; every variant of one CRM holds the same deals, so all of them must review to
the same records (NAME.expected.jsonl, with --today 2026-11-03):

  salesforce.csv          Salesforce "Details Only" report export, UTF-8: every
                          field quoted, LF between rows, CRLF inside text areas,
                          the report's footer (grand totals, confidentiality
                          notice, copyright line).
  salesforce_cp1252.csv   the same export with the Windows-1252 export encoding.
  salesforce_excel.csv    salesforce.csv opened in Excel (US) and saved as
                          "CSV UTF-8": BOM, CRLF, quotes only where needed, short
                          rows padded with commas.
  hubspot.csv             HubSpot deals "Export view": UTF-8, every field quoted,
                          datetimes as "2026-09-06 09:15", HTML in descriptions.
  hubspot_excel.txt       hubspot.csv saved by Excel (US) as "Unicode Text":
                          UTF-16LE with BOM, tabs, CRLF, dates as Excel shows them.
  pipedrive.csv           Pipedrive deals export: UTF-8, "Deal - ..." columns,
                          datetimes as "2026-09-06 09:15:00".
  pipedrive_excel_de.csv  pipedrive.csv saved by Excel (German) as "CSV
                          (Trennzeichen-getrennt)": ';', Windows-1252, CRLF,
                          datetimes as "06.09.2026 09:15".

Run it from anywhere: python3 tests/data/crm/make_fixtures.py
"""
import csv
import datetime
import io
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = datetime.date(2026, 11, 3)

# The deals every CRM holds: (owner, account, name, stage meaning, closed, created, note)
DEALS = [
    ("Maria Schäfer", "Acme Corporation", "Acme - 500 seats", "negotiation", None,
     datetime.datetime(2026, 9, 6, 9, 15, 0),
     "Call 1: CFO likes the pricing.\nCall 2: she said she needs to think it over with the board."),
    ("James O'Brien", "Globex, Inc.", "Globex renewal FY27", "discovery", None,
     datetime.datetime(2026, 10, 20, 14, 2, 11), ""),
    ("Maria Schäfer", "Initech", "Initech pilot", "presentation", None,
     datetime.datetime(2026, 8, 1, 8, 0, 0), "Demo booked for next week."),
    ("Chen Wei", "Umbrella Corp", "Umbrella - EMEA rollout", None, "won",
     datetime.datetime(2026, 3, 15, 10, 30, 0), "Signed."),
    ("James O'Brien", "Soylent", "Soylent expansion", None, "lost",
     datetime.datetime(2026, 5, 2, 16, 45, 0), "Chose a competitor."),
    ("Chen Wei", "Stark Industries", "Stark - security add-on", "negotiation", None,
     datetime.datetime(2026, 10, 1, 11, 11, 0), 'Customer: "We are ready to sign if legal approves."'),
    ("Zoë Martín", "Wayne Enterprises", "Wayne – analytics", "presentation", None,
     datetime.datetime(2026, 7, 14, 7, 30, 0), "Demo went well; they want to compare with alternatives."),
    ("", "Hooli", "Hooli – qualification", "discovery", None,
     datetime.datetime(2026, 11, 2, 16, 20, 0), ""),
]

SALESFORCE_STAGE = {"discovery": ["Prospecting", "Qualification", "Needs Analysis"],
                    "presentation": ["Value Proposition", "Id. Decision Makers", "Perception Analysis"],
                    "negotiation": ["Proposal/Price Quote", "Negotiation/Review"]}
HUBSPOT_STAGE = {"discovery": ["Appointment Scheduled", "Qualified To Buy"],
                 "presentation": ["Presentation Scheduled"],
                 "negotiation": ["Decision Maker Bought-In", "Contract Sent"]}
PIPEDRIVE_STAGE = {"discovery": ["Qualified", "Contact Made"], "presentation": ["Demo Scheduled"],
                   "negotiation": ["Proposal Made", "Negotiations Started"]}


def crm_stage(table, index, meaning, closed, won="Closed Won", lost="Closed Lost"):
    if closed == "won":
        return won
    if closed == "lost":
        return lost
    choices = table[meaning]
    return choices[index % len(choices)]


def us_date(day):
    return f"{day.month}/{day.day}/{day.year}"


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as out:
        out.write(data)


def csv_text(rows, delimiter=",", quoting=csv.QUOTE_MINIMAL, line="\r\n"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=line)
    writer.writerows(rows)
    return buffer.getvalue()


def expected(name, ids, stages=None):
    lines = []
    for i, (deal_id, deal) in enumerate(zip(ids, DEALS)):
        owner, _, title, meaning, closed, created, _ = deal
        meaning = stages[i] if stages else meaning
        lines.append(json.dumps({
            "id": deal_id, "name": title, "owner": owner or None, "closed": closed,
            "stage": meaning, "days_in_cycle": (TODAY - created.date()).days,
        }, ensure_ascii=False))
    write(name, ("\n".join(lines) + "\n").encode("utf-8"))


def excel_padded(rows):
    width = max(len(row) for row in rows)
    return [row + [""] * (width - len(row)) for row in rows]


def salesforce():
    header = ["Opportunity Owner", "Account Name", "Opportunity Name", "Opportunity ID", "Stage",
              "Fiscal Period", "Amount", "Probability (%)", "Age", "Close Date", "Created Date",
              "Next Step", "Lead Source", "Description"]
    rows, ids = [header], []
    for i, (owner, account, title, meaning, closed, created, note) in enumerate(DEALS):
        deal_id = f"0065g00000AbCd{chr(ord('E') + i)}AA{i}"
        ids.append(deal_id)
        age = (TODAY - created.date()).days
        close = created.date() + datetime.timedelta(days=80)
        next_step = "Send revised contract" if meaning == "negotiation" else ""
        rows.append([owner, account, title, deal_id, crm_stage(SALESFORCE_STAGE, i, meaning, closed),
                     "Q4-2026", f"USD {10000 * (i + 1):,}.00", "0" if closed == "lost" else str(10 * (i + 2)),
                     str(age), us_date(close), us_date(created.date()), next_step, "Web",
                     note.replace("\n", "\r\n")])
    footer = [[""], ["Grand Totals (8 records)"], [""],
              ["Confidential Information - Do Not Distribute"],
              ["Copyright © 2000-2026 salesforce.com, inc. All rights reserved."]]
    export = csv_text(rows + footer, quoting=csv.QUOTE_ALL, line="\n")
    write("salesforce.csv", export.encode("utf-8"))
    write("salesforce_cp1252.csv", export.encode("cp1252"))
    excel_rows = [[cell.replace("\r\n", "\n") for cell in row] for row in excel_padded(rows + footer)]
    write("salesforce_excel.csv", b"\xef\xbb\xbf" + csv_text(excel_rows).encode("utf-8"))
    expected("salesforce.expected.jsonl", ids)


def hubspot():
    header = ["Record ID", "Deal Name", "Pipeline", "Deal Stage", "Amount", "Close Date",
              "Create Date", "Deal owner", "Last Activity Date", "Deal Description", "Deal Type"]
    rows, excel, ids = [header], [header], []
    for i, (owner, _, title, meaning, closed, created, note) in enumerate(DEALS):
        deal_id = str(15480000001 + i)
        ids.append(deal_id)
        html = "".join(f"<p>{line.replace('think it over', '<b>think it over</b>')}</p>"
                       for line in note.split("\n")) if note else ""
        html = html.replace('"', "&quot;").replace("; they", ";&nbsp;they")
        stage = crm_stage(HUBSPOT_STAGE, i, meaning, closed)
        close = created.date() + datetime.timedelta(days=80)
        activity = created + datetime.timedelta(days=3, hours=2)
        rows.append([deal_id, title, "Sales Pipeline", stage, str(10000 * (i + 1)), close.isoformat(),
                     created.strftime("%Y-%m-%d %H:%M"), owner, activity.strftime("%Y-%m-%d %H:%M"),
                     html, "newbusiness" if i % 2 else "existingbusiness"])
        excel.append([deal_id, title, "Sales Pipeline", stage, str(10000 * (i + 1)), us_date(close),
                      f"{us_date(created.date())} {created.hour}:{created.minute:02}", owner,
                      f"{us_date(activity.date())} {activity.hour}:{activity.minute:02}", html,
                      "newbusiness" if i % 2 else "existingbusiness"])
    write("hubspot.csv", csv_text(rows, quoting=csv.QUOTE_ALL, line="\n").encode("utf-8"))
    write("hubspot_excel.txt", csv_text(excel, delimiter="\t").encode("utf-16"))
    expected("hubspot.expected.jsonl", ids)


def pipedrive():
    header = ["Deal - ID", "Deal - Title", "Deal - Creator", "Deal - Owner", "Deal - Value",
              "Deal - Currency of Value", "Deal - Organization", "Deal - Pipeline",
              "Deal - Contact person", "Deal - Stage", "Deal - Status", "Deal - Deal created",
              "Deal - Update time", "Deal - Expected close date", "Deal - Lost reason",
              "Deal - Total activities"]
    rows, excel, ids, stages = [header], [header], [], []
    for i, (owner, account, title, meaning, closed, created, note) in enumerate(DEALS):
        deal_id = str(101 + i)
        ids.append(deal_id)
        status = {"won": "Won", "lost": "Lost"}.get(closed, "Open")
        # Pipedrive keeps the stage a deal was in when it was won or lost.
        meaning = meaning or ("negotiation" if closed == "won" else "discovery")
        stages.append(meaning)
        stage = crm_stage(PIPEDRIVE_STAGE, i, meaning, None)
        update = created + datetime.timedelta(days=5, minutes=7)
        close = created.date() + datetime.timedelta(days=80)
        organization = "Müller & Söhne KG" if i == 5 else account
        lost_reason = note if closed == "lost" else ""
        row = [deal_id, title, owner or "Maria Schäfer", owner, str(10000 * (i + 1)), "EUR",
               organization, "Pipeline", f"Contact {i + 1}", stage, status]
        rows.append(row + [created.strftime("%Y-%m-%d %H:%M:%S"), update.strftime("%Y-%m-%d %H:%M:%S"),
                           close.isoformat(), lost_reason, str(i + 3)])
        german = lambda t: f"{t.day:02}.{t.month:02}.{t.year} {t.hour:02}:{t.minute:02}"
        excel.append(row + [german(created), german(update),
                            f"{close.day:02}.{close.month:02}.{close.year}", lost_reason, str(i + 3)])
    write("pipedrive.csv", csv_text(rows, line="\n").encode("utf-8"))
    write("pipedrive_excel_de.csv", csv_text(excel, delimiter=";").encode("cp1252"))
    expected("pipedrive.expected.jsonl", ids, stages)


if __name__ == "__main__":
    salesforce()
    hubspot()
    pipedrive()
