"""Writes tests/meta_dev: invented article openings and endings, each with a meta-only gold file."""

import json
import pathlib

D = pathlib.Path(__file__).resolve().parents[1] / "meta_dev"
docs = {}
def add(name: str, text: str, title: str, authors: list[str], published: str, publisher: list[str]) -> None:
    docs[name] = (text, {"title": title, "authors": authors, "published": published, "publisher": publisher})

body1 = ("Municipal water boards across the lowland provinces face a choice they have postponed for a decade. "
 "Pumping stations built in the 1970s are reaching the end of their design life, while winter rainfall has risen "
 "by roughly a fifth. Replacing them one by one would cost more than the boards can raise through local levies.\n\n"
 "A shared procurement pool would let smaller boards buy pumps at the prices the largest ones obtain. It would also "
 "allow engineers to standardise spare parts, which today differ from one district to the next. Critics fear that "
 "pooling means central control, yet the boards would keep their own budgets and their own elected councils.\n\n"
 "The national government could seed the pool with a modest guarantee. Doing so would cost little and would signal "
 "that flood defence remains a shared responsibility rather than a purely local burden.")
body2 = ("Fishing quotas in the northern gulf were set when the cod stock looked stable. Survey vessels now report "
 "that juvenile fish have moved east, into colder water, and that the spawning grounds overlap with a planned cable "
 "corridor. Regulators have so far treated these as separate files.\n\n"
 "Joining them would make sense. A single marine plan could route the cable away from the nursery areas and adjust "
 "quotas as the stock moves, instead of waiting for the annual review. Coastal communities, which depend on both "
 "the fishery and the jobs the cable project promises, would gain predictability.\n\n"
 "Nothing in the current law prevents such a plan. What is missing is a lead agency willing to own it and a budget "
 "line that survives the next election.")
body3 = ("Rail freight between the inland ports has doubled since the new terminals opened, but the signalling on the "
 "main line dates from another era. Trains queue for hours at the single-track bridge, and shippers have started "
 "to move containers back onto lorries.\n\n"
 "The ministry has promised a second bridge by the end of the decade. Until then, smarter timetabling could recover "
 "much of the lost capacity: running freight at night, when passenger services thin out, and giving dispatchers "
 "real-time data on where each train is.\n\n"
 "These are cheap measures. They require cooperation between the infrastructure manager and the private operators, "
 "which has been scarce, and a regulator prepared to arbitrate when they disagree.")

add("m01-pump-pool.txt",
 "COMMENTARY\n\nWhy the water boards should pool their pumps\n\n"
 "A shared purchasing fund would save money and keep the polders dry\n\n"
 "By Marit Oosterveld and Joris Kamphuis\n\n12 March 2025\n\n" + body1 +
 "\n\n© 2025 Lowland Infrastructure Institute. All rights reserved.\n",
 "Why the water boards should pool their pumps", ["Marit Oosterveld", "Joris Kamphuis"], "2025-03-12",
 ["Lowland Infrastructure Institute"])

add("m02-gulf-plan.md",
 "Analysis | Fisheries\n\n# One plan for the northern gulf\n\n"
 "**Tomasz Wierzbicki** | 04.06.2025\n\n" + body2 +
 "\n\n---\n\n*Tomasz Wierzbicki is a senior fellow at the Baltic Marine Policy Centre.*\n\n"
 "The Baltic Marine Policy Centre is an independent think tank based in Gdynia.\n",
 "One plan for the northern gulf", ["Tomasz Wierzbicki"], "2025-06-04", ["Baltic Marine Policy Centre"])

add("m03-freight-night.txt",
 "The Inland Freight Gazette\n\nNight trains could unblock the freight corridor\n\n"
 "Written by Selin Arıkan\n\nPublished: Tuesday, 14 January 2025\n\n" + body3 + "\n",
 "Night trains could unblock the freight corridor", ["Selin Arıkan"], "2025-01-14",
 ["The Inland Freight Gazette", "Inland Freight Gazette"])

add("m04-pumps-oped.txt",
 "OPINION\n\nThe quiet crisis under our dikes\n\n"
 "Henrike Vos, Pieter Laarman and Anouk de Graaf\n\n2025-02-27\n\n" + body1 +
 "\n\nHenrike Vos is a research fellow, Pieter Laarman an associate fellow and Anouk de Graaf a programme director "
 "at the Delta Governance Forum.\n\nThis commentary was first published by the Delta Governance Forum.\n",
 "The quiet crisis under our dikes", ["Henrike Vos", "Pieter Laarman", "Anouk de Graaf"], "2025-02-27",
 ["Delta Governance Forum"])

add("m05-cod-east.txt",
 "Northern Seas Observer\n\nANALYSIS\n\nThe cod are moving east. Policy is not.\n\n"
 "Words: Eilidh MacPherson\n\nMar. 3, 2025\n\n" + body2 + "\n",
 "The cod are moving east. Policy is not.", ["Eilidh MacPherson"], "2025-03-03", ["Northern Seas Observer"])

add("m06-bridge-queue.md",
 "# Queues at the bridge: a timetable fix for rail freight\n\n"
 "*Dr. Ravindra Menon, Senior Research Fellow*\n\n"
 "Published 7 May 2025 · Updated 9 May 2025\n\n"
 + body3 +
 "\n\n## About the author\n\nRavindra Menon is a senior research fellow at the Centre for Transport Futures, "
 "where he leads work on logistics.\n\n© Centre for Transport Futures 2025\n",
 "Queues at the bridge: a timetable fix for rail freight", ["Ravindra Menon"], "2025-05-07",
 ["Centre for Transport Futures"])

add("m07-levies.txt",
 "LONDON, 4 June 2025 -- \n\nLocal levies cannot pay for the next generation of pumps\n\n"
 "By Grace Okonjo, Economics Correspondent\n\n" + body1 +
 "\n\nThis article first appeared in The Civic Ledger.\n",
 "Local levies cannot pay for the next generation of pumps", ["Grace Okonjo"], "2025-06-04",
 ["The Civic Ledger", "Civic Ledger"])

add("m08-marine-plan.txt",
 "Policy Brief No. 14/2025\n\nCables, cod and coastal jobs: the case for a single marine plan\n\n"
 "How regulators can stop treating fisheries and energy as separate files\n\n"
 "Ingrid Solheim, et al.\n\n"
 "Updated 20 February 2025 (first published 18 February 2025)\n\n" + body2 +
 "\n\nNordic Ocean Policy Institute\nStorgata 12, Tromsø\n",
 "Cables, cod and coastal jobs: the case for a single marine plan", ["Ingrid Solheim"], "2025-02-18",
 ["Nordic Ocean Policy Institute"])

add("m09-dispatch.txt",
 "Analysis | Transport\n\nDispatchers need data, not another bridge study\n\n"
 "By Lukas Brenner and Ana Teixeira\nLukas Brenner is a visiting fellow; Ana Teixeira is an analyst.\n\n"
 "Thursday 10 April 2025\n\n" + body3 +
 "\n\nThe Alpine Mobility Council is an independent think tank working on transport policy in central Europe.\n"
 "© 2025 Alpine Mobility Council\n",
 "Dispatchers need data, not another bridge study", ["Lukas Brenner", "Ana Teixeira"], "2025-04-10",
 ["Alpine Mobility Council"])

add("m10-euro-date.txt",
 "Coastal Futures Network\n\nWorking Paper 9\n\nWhen the spawning grounds meet the cable corridor\n\n"
 "Author: Niamh Gallagher\n\n09/04/2025\n\n" + body2 + "\n",
 "When the spawning grounds meet the cable corridor", ["Niamh Gallagher"], "2025-04-09",
 ["Coastal Futures Network"])

add("m11-pumps-html.html",
 "<!DOCTYPE html>\n<html><head><title>Pump replacement: a plan | Polder Policy Lab</title>\n"
 "<meta name=\"description\" content=\"A commentary on pumping stations.\">\n</head><body>\n"
 "<header><div class=\"brand\">Polder Policy Lab</div></header>\n<article>\n"
 "<p class=\"rubric\">Commentary</p>\n<h1>Pump replacement: a plan</h1>\n"
 "<p class=\"byline\">By Femke Hoogland</p>\n<p class=\"date\">March 21, 2025</p>\n"
 + "".join(f"<p>{p}</p>\n" for p in body1.split("\n\n")) +
 "</article>\n<footer><p>© 2025 Polder Policy Lab</p></footer>\n</body></html>\n",
 "Pump replacement: a plan", ["Femke Hoogland"], "2025-03-21", ["Polder Policy Lab"])

add("m12-contradict.html",
 "<!DOCTYPE html>\n<html><head><title>Home | Harbourline Daily</title>\n"
 "<meta name=\"author\" content=\"Web Desk\">\n"
 "<meta property=\"og:site_name\" content=\"Harbourline Daily\">\n"
 "<meta property=\"article:published_time\" content=\"2025-05-19T08:00:00Z\">\n</head><body>\n"
 "<article>\n<h1>Freight at night is the cheapest upgrade we have</h1>\n"
 "<p class=\"byline\">By Oskar Lindqvist | 19 May 2025</p>\n"
 + "".join(f"<p>{p}</p>\n" for p in body3.split("\n\n")) +
 "</article>\n</body></html>\n",
 "Freight at night is the cheapest upgrade we have", ["Oskar Lindqvist"], "2025-05-19", ["Harbourline Daily"])

add("m13-gulf-html.html",
 "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n"
 "<div class=\"masthead\">Gulf Stream Institute</div>\n<main>\n"
 "<div class=\"kicker\">PERSPECTIVES</div>\n<h1>A lead agency for the northern gulf</h1>\n"
 "<h2>Quotas and cables belong in the same plan</h2>\n"
 "<div class=\"meta\"><span>Katarzyna Nowicka</span> | <span>Jakub Zieliński</span></div>\n"
 "<time datetime=\"2025-01-30\">30 January 2025</time>\n"
 + "".join(f"<p>{p}</p>\n" for p in body2.split("\n\n")) +
 "<section class=\"about\"><h3>About the authors</h3><p>Katarzyna Nowicka is a research fellow at the Gulf Stream "
 "Institute. Jakub Zieliński is a senior analyst there.</p></section>\n</main>\n</body></html>\n",
 "A lead agency for the northern gulf", ["Katarzyna Nowicka", "Jakub Zieliński"], "2025-01-30",
 ["Gulf Stream Institute"])

add("m14-weekday.md",
 "**Rail Policy Review**\n\n### Freight corridors\n\n# Signals from another era\n\n"
 "By **Chiara Benedetti** and **Mateus Ferreira**\n\nMonday, 2 June 2025\n\n" + body3 +
 "\n\n*Chiara Benedetti is deputy director of the Rail Policy Review; Mateus Ferreira is a consultant.*\n",
 "Signals from another era", ["Chiara Benedetti", "Mateus Ferreira"], "2025-06-02", ["Rail Policy Review"])

add("m15-bio-end.txt",
 "Why flood defence must stay a shared burden\n\n"
 "The case for a national guarantee behind local pumping stations\n\n"
 "November 28, 2024\n\n" + body1 +
 "\n\nAbout the author\nWillemijn Bakker is an associate fellow at the Riverlands Policy Institute.\n\n"
 "The Riverlands Policy Institute is an independent, non-partisan think tank.\n",
 "Why flood defence must stay a shared burden", ["Willemijn Bakker"], "2024-11-28", ["Riverlands Policy Institute"])

add("m16-role-next-line.txt",
 "EASTERN SEABOARD WATCH\n\nThe gulf needs one plan, not three\n\n"
 "Dmitri Havel\nSenior Fellow, Maritime Programme\n\n"
 "Sat 8 March 2025\n\n" + body2 + "\n",
 "The gulf needs one plan, not three", ["Dmitri Havel"], "2025-03-08", ["Eastern Seaboard Watch"])

add("m17-series-rubric.txt",
 "Transport Notes #22\n\nOpinion\n\nShippers are returning to lorries. Here is how to win them back\n\n"
 "By Aylin Demirtaş, Jonas Petraitis and Mireille Fontaine\n\n"
 "Published on 15.09.2024\n\n" + body3 +
 "\n\nThis commentary was first published by the Danube Logistics Forum.\n",
 "Shippers are returning to lorries. Here is how to win them back",
 ["Aylin Demirtaş", "Jonas Petraitis", "Mireille Fontaine"], "2024-09-15", ["Danube Logistics Forum"])

add("m18-copyright-html.html",
 "<!DOCTYPE html>\n<html><head><title>Cod, cables and the coast</title>\n"
 "<meta name=\"author\" content=\"Sigrid Hallvardsen\">\n</head><body>\n<article>\n"
 "<h1>Cod, cables and the coast</h1>\n<p><strong>Sigrid Hallvardsen</strong>, Head of Ocean Research</p>\n"
 "<p>Published: 11 February 2025</p>\n"
 + "".join(f"<p>{p}</p>\n" for p in body2.split("\n\n")) +
 "</article>\n<footer><p>Copyright © 2025 Institute for Northern Waters. All rights reserved.</p></footer>\n"
 "</body></html>\n",
 "Cod, cables and the coast", ["Sigrid Hallvardsen"], "2025-02-11", ["Institute for Northern Waters"])

for name, (text, meta) in docs.items():
    (D / name).write_text(text, encoding="utf-8")
    stem = name.rsplit(".", 1)[0]
    gold = {"source": name, "meta": meta, "score": ["meta"]}
    (D / f"{stem}.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(name, len(text.split()))
