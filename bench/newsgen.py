"""Generated AI news for the cost benches: stories that differ in meaning as real ones do.

``bench/curation_cost.py`` curates 100,000 of these articles one by one, and
``bench/web.py`` fills its workspaces with them. No shared data is needed, and
the stream is the same on every run for a given count and seed.

A story is one event (a launch, a funding round, a lawsuit ...) in one field (chips,
health, farming ...), with its own invented company, people, places and numbers. Its
articles are rewrites: each picks its own headline, lead and sentences from the story's
facts, worded one of several ways ("[a|b]" in a template is the writer's pick, and common
words are swapped for synonyms), so that rewrites share names and meaning while two
stories share little more than the words of their field and event. Articles run from the
lead down to background, as news does. Every phrase below was written for this generator.
"""

from __future__ import annotations

import json
import math
import random
import re
from array import array
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

#: 100,000 articles over half a year is about 550 a day, a busy desk's intake: a 7-day
#: window then holds about 4,000 articles, the working set every new article meets.
SPAN_DAYS = 180
START = datetime(2026, 6, 1, tzinfo=UTC)


class Field(NamedTuple):
    """The subject matter of a story: what is made, who uses it, what can go wrong."""

    kind: str  #: the desk topic it files under (bench/web.py tags by it)
    area: str  #: the field as a whole, after "in" or "across"
    things: tuple[str, ...]  #: what the company makes (singular; plural adds "s")
    users: tuple[str, ...]  #: who buys or uses it (plural)
    people: tuple[str, ...]  #: who is affected when it goes wrong (plural)
    does: tuple[str, ...]  #: what it is for, after "to"
    risks: tuple[str, ...]  #: what went wrong, after "over", "after" or "reports of"
    ai: tuple[str, ...]  #: the AI technique it rests on
    watchdogs: tuple[str, ...]
    suffixes: tuple[str, ...]  #: how companies of the field end their names
    context: tuple[str, ...]  #: background sentences any story of the field may carry


FIELDS: dict[str, Field] = {
    "chips": Field(
        "chip", "the chip industry",
        ("AI inference chip", "AI accelerator", "AI training processor", "neural network chip",
         "AI memory chip", "AI vision processor", "photonic AI chip"),
        ("cloud providers", "data centre operators", "phone makers", "carmakers"),
        ("server buyers", "cloud customers", "data centre staff"),
        ("run large language models on a fraction of the usual power",
         "link thousands of processors into a single training cluster",
         "let laptops answer questions without sending data to the cloud",
         "cut the memory bottleneck that slows model training",
         "run speech and vision models inside a car's dashboard",
         "serve chatbot answers with half the delay"),
        ("chips overheating in customers' servers", "a memory flaw that corrupted training runs",
         "faulty units shipped to cloud customers"),
        ("machine learning", "deep learning", "neural network inference"),
        ("the commerce department", "the competition authority"),
        ("Semiconductor", "Silicon", "Micro", "Devices"),
        ("Demand for AI hardware has outrun supply for most of the year, and buyers still "
         "wait months for server chips.",
         "{org} designs its chips in {city} and has them made by a contract foundry.",
         "Energy now dominates the cost of answering each query, so chip designers compete "
         "on performance per watt rather than raw speed.",
         "A single rack of such {things} can draw as much power as {count} homes.")),
    "models": Field(
        "model", "the market for language models",
        ("large language model", "open-weight language model", "AI coding assistant",
         "chatbot",
         "AI research agent", "small language model", "AI translation model"),
        ("software developers", "call centres", "small businesses", "enterprise customers"),
        ("subscribers", "developers", "users"),
        ("write and review code across whole repositories",
         "answer questions from a company's own documents",
         "hold customer conversations in dozens of languages",
         "summarise long legal and medical files for busy staff",
         "plan and carry out multi-step tasks on a user's computer",
         "translate support tickets and draft the replies"),
        ("made-up citations in its answers", "leaked fragments of private training data",
         "answers that repeated dangerous medical advice"),
        ("generative AI", "a large language model", "a transformer model"),
        ("the data protection authority", "the consumer protection agency"),
        ("AI", "Labs", "Intelligence"),
        ("The market for general-purpose models has crowded quickly, and the price of a "
         "million tokens has fallen sharply this year.",
         "Model makers now compete on how much text a model can read at once rather than on "
         "sheer size.",
         "{org} trains its models on processors it rents from a large cloud provider.",
         "Businesses have been slow to move chatbot pilots into daily use, surveys suggest.")),
    "robots": Field(
        "robot", "warehouse automation",
        ("AI warehouse robot", "AI-powered robotic arm", "AI humanoid robot", "AI-driven forklift",
         "AI inspection robot", "AI parcel-sorting robot", "robotics platform"),
        ("logistics firms", "car factories", "supermarket chains", "parcel carriers"),
        ("warehouse workers", "factory staff", "night-shift crews"),
        ("pick mixed items from shelves it has never seen",
         "learn a new assembly task from a handful of demonstrations",
         "work next to people on a busy packing line",
         "unload lorries without a human at the controls",
         "sort returned parcels by reading their labels",
         "inspect welds on a car body line for tiny cracks"),
        ("a collision that injured a worker", "arms stalling in the middle of a shift",
         "batteries that wore out within months"),
        ("computer vision", "reinforcement learning", "machine learning"),
        ("the workplace safety agency", "the labour inspectorate"),
        ("Robotics", "Automation", "Dynamics"),
        ("Warehouse operators have struggled to hire staff, which has pushed them toward "
         "machines that can work around the clock.",
         "Most robots in warehouses still follow fixed routes; {org} argues that learning "
         "from cameras lets them cope with clutter.",
         "Unions have asked for a say in how fast robots are brought onto the floor.",
         "A robot of this kind costs about as much as {n_small} years of one worker's wages, "
         "according to industry estimates.")),
    "cars": Field(
        "robot", "self-driving",
        ("self-driving taxi", "AI driver-assistance system", "autonomous truck",
         "robotaxi",
         "autonomous bus", "AI parking system", "driverless delivery van"),
        ("ride-hailing customers", "freight companies", "city transport agencies"),
        ("passengers", "drivers", "pedestrians"),
        ("drive without a safety driver in mapped parts of a city",
         "keep a lorry in its lane on long motorway runs",
         "take over the wheel in stop-and-go traffic",
         "park a car on its own in a crowded garage",
         "steer buses along fixed routes at night",
         "spot cyclists in the blind spot of a lorry"),
        ("a crash at a busy junction", "cars blocking an ambulance",
         "sudden braking on the motorway"),
        ("computer vision", "deep learning", "neural network"),
        ("the road safety regulator", "the transport ministry"),
        ("Mobility", "Motors", "Autonomy"),
        ("Driverless services have spread to several cities this year, though each permit "
         "covers only limited streets.",
         "The cars carry cameras, radar and laser scanners, and a remote team can step in "
         "when one gets stuck.",
         "Taxi drivers' unions have protested against the permits in {city}.",
         "Insurers are still working out who pays when a car with no driver causes a crash.")),
    "health": Field(
        "model", "health care",
        ("diagnostic AI model", "AI scan-reading system", "clinical note chatbot",
         "AI sepsis warning tool",
         "AI heart scan reader", "AI skin cancer checker", "AI trial-matching tool"),
        ("hospitals", "radiologists", "family doctors", "clinics"),
        ("patients", "nurses", "doctors"),
        ("spot early signs of lung cancer on routine scans",
         "draft clinical notes while the doctor talks to the patient",
         "warn nurses hours before a patient's condition worsens",
         "read heart scans and flag weak valves",
         "match patients to clinical trials from their records",
         "check skin photos for signs of melanoma"),
        ("missed tumours in a hospital trial", "false alarms that swamped nurses",
         "patient records used without consent"),
        ("machine learning", "computer vision", "deep learning"),
        ("the medicines regulator", "the health ministry"),
        ("Health", "Medical", "Diagnostics"),
        ("Hospitals face long waiting lists for scans, and radiologists are in short supply.",
         "Doctors still sign off every result; the software only ranks which cases to read "
         "first.",
         "{org} says its system was checked against the records of {count} patients.",
         "Medical software has to be cleared by regulators before hospitals may rely on it.")),
    "drugs": Field(
        "model", "drug discovery",
        ("AI protein design model", "AI drug discovery platform",
         "generative AI molecule designer",
         "AI antibiotic finder", "AI lab planner", "generative AI protein folder"),
        ("pharmaceutical companies", "biotech start-ups", "university labs"),
        ("trial volunteers", "patients", "lab scientists"),
        ("propose drug candidates that bind to a chosen protein",
         "predict which molecules will be toxic before anyone makes them",
         "design enzymes that break down plastic waste",
         "suggest antibiotics that bacteria have not met before",
         "predict how a protein folds around a new compound",
         "choose which lab experiments to run next"),
        ("a failed early-stage drug trial", "results that other labs could not reproduce",
         "a molecule that proved toxic in animal tests"),
        ("deep learning", "generative AI", "machine learning"),
        ("the medicines regulator",),
        ("Bio", "Therapeutics", "Biosciences"),
        ("Bringing a drug to market still takes about a decade, and most candidates fail "
         "in trials.",
         "{org} runs its own wet lab in {city} to test the molecules its software proposes.",
         "Protein structure prediction changed the field a few years ago, and start-ups "
         "have multiplied since.",
         "No drug designed mainly by software has yet completed late-stage trials.")),
    "finance": Field(
        "funding", "banking",
        ("AI fraud detection system", "AI credit scoring model", "AI trading algorithm",
         "banking chatbot",
         "AI anti-money-laundering tool", "AI insurance pricer", "AI filings reader"),
        ("banks", "insurers", "payment firms", "credit unions"),
        ("borrowers", "account holders", "small traders"),
        ("spot card fraud in the moments before a payment clears",
         "score loan applicants who have little credit history",
         "answer account questions at any hour",
         "flag suspicious transfers for money-laundering checks",
         "read company filings and summarise risks for analysts",
         "price insurance policies from claims history"),
        ("loan refusals that fell hardest on young applicants",
         "a trading glitch that moved share prices",
         "customers locked out of their accounts"),
        ("machine learning", "artificial intelligence", "a language model"),
        ("the financial conduct regulator", "the central bank"),
        ("Pay", "Capital", "Finance"),
        ("Banks have used statistics to score borrowers for decades, but newer models weigh "
         "thousands of signals.",
         "Card fraud losses rose by {pct} percent last year, industry figures show.",
         "Regulators have warned lenders that they must be able to explain every refusal.",
         "{org} earns a fee on each transaction its system checks.")),
    "security": Field(
        "model", "cyber security",
        ("AI threat detection tool", "deepfake detector", "AI phishing filter",
         "AI security agent",
         "AI code scanner", "AI identity checker", "AI ransomware tracer"),
        ("corporate security teams", "government agencies", "email providers"),
        ("customers", "employees", "account holders"),
        ("hunt for intruders inside company networks",
         "tell cloned voices from real ones on phone calls",
         "block phishing mails written by chatbots",
         "find weaknesses in code before attackers do",
         "spot fake identity documents at account sign-up",
         "trace ransomware back to the first infected laptop"),
        ("a breach that exposed customer data", "criminals using cloned voices to approve "
         "payments", "a flaw that let attackers take over the tool"),
        ("machine learning", "generative AI", "anomaly detection with neural networks"),
        ("the national cyber security centre", "the data protection authority"),
        ("Security", "Defence", "Shield"),
        ("Attackers now use chatbots to write convincing phishing mails in any language.",
         "Security teams receive thousands of alerts a day and can read only a fraction.",
         "{org} was founded by former government security staff in {city}.",
         "Ransomware gangs demanded record sums last year, according to insurers.")),
    "education": Field(
        "model", "education",
        ("AI tutor", "AI essay marking tool", "homework chatbot", "AI language learning app",
         "AI revision planner", "AI lecture note-taker", "AI reading companion"),
        ("schools", "universities", "parents", "adult learners"),
        ("pupils", "students", "teachers"),
        ("coach pupils through maths problems step by step",
         "mark essays and explain every grade",
         "hold practice conversations in a foreign language",
         "build revision plans for each pupil before exams",
         "turn lecture recordings into searchable notes",
         "help dyslexic pupils read along with a spoken voice"),
        ("pupils handing in machine-written essays", "grades that disagreed with teachers",
         "children's data shared with advertisers"),
        ("generative AI", "a large language model", "artificial intelligence"),
        ("the education ministry", "the schools inspectorate"),
        ("Learn", "Education", "Academy"),
        ("Teachers are split on whether chatbots help pupils learn or do the work for them.",
         "Several school districts banned chatbots last year and have since allowed them "
         "back under rules.",
         "{org} says pupils using its tutor for {n_small} weeks improved their test scores.",
         "Schools buy such tools out of tight budgets, often for one year at a time.")),
    "creative": Field(
        "model", "the creative industries",
        ("AI music generator", "AI image generator", "text-to-video model",
         "AI voice cloning tool",
         "AI film restorer", "AI jingle writer", "AI concept art tool"),
        ("advertising agencies", "streaming services", "independent musicians", "game studios"),
        ("musicians", "illustrators", "voice actors", "photographers"),
        ("turn a written prompt into a minute of video",
         "compose backing tracks in any style a user asks for",
         "dub a documentary into another language in the speakers' own voices",
         "colour and clean up old archive footage",
         "write jingles for radio advertisers",
         "draw concept art for game studios from a sketch"),
        ("tracks that imitated a well-known artist's voice",
         "images built from photographers' work without payment",
         "fake videos of politicians"),
        ("generative AI", "deep learning", "a diffusion model"),
        ("the copyright office", "the broadcasting regulator"),
        ("Studio", "Media", "Creative"),
        ("Artists' groups argue that models trained on their work should pay for it.",
         "Studios have begun to use generated footage for storyboards and background shots.",
         "{org} says it licenses the material its models learn from.",
         "Several courts are weighing whether training on copyrighted work is fair use.")),
    "datacentres": Field(
        "chip", "the data centre business",
        ("AI data centre", "AI computing campus", "liquid-cooled AI server hall",
         "AI power scheduler", "AI heat recovery plant", "dense AI server rack"),
        ("model developers", "cloud customers", "research labs"),
        ("local residents", "farmers nearby", "grid operators"),
        ("house tens of thousands of processors for training models",
         "cool racks of servers with water instead of air",
         "run on power from a nearby wind farm",
         "shift training jobs to hours when power is cheap",
         "recover waste heat to warm nearby homes",
         "pack twice as many servers into each rack"),
        ("power shortages on the local grid", "heavy water use during a drought",
         "noise complaints from nearby homes"),
        ("machine learning", "artificial intelligence", "generative AI"),
        ("the energy regulator", "the planning authority"),
        ("Compute", "Cloud", "Energy"),
        ("Training the largest models takes months on clusters that draw as much power as "
         "a small town.",
         "Grid operators say requests to connect data centres have risen {n_small}-fold.",
         "{org} has signed long-term contracts to buy power from wind and solar farms.",
         "Councils weigh the tax income from such sites against the strain on water and "
         "power.")),
    "farming": Field(
        "robot", "farming",
        ("AI crop monitoring system", "AI weeding robot", "autonomous tractor",
         "AI harvest forecasting model",
         "AI fruit counter", "AI livestock monitor", "AI irrigation controller"),
        ("farmers", "food processors", "seed companies"),
        ("growers", "farm workers", "smallholders"),
        ("spot crop disease from drone images", "pull weeds without spraying chemicals",
         "forecast harvests weeks ahead",
         "count fruit on trees to plan the picking season",
         "tell each cow's health from the way it walks",
         "water fields only where the soil is dry"),
        ("a forecast that missed a drought", "robots damaging young plants",
         "farm data sold to commodity traders"),
        ("computer vision", "machine learning", "image recognition"),
        ("the agriculture ministry",),
        ("Agri", "Farms", "Harvest"),
        ("Farmers face rising costs for labour and chemicals, which has made automation "
         "more attractive.",
         "{org} tested its system on {count} hectares of wheat and barley last season.",
         "Satellite and drone images let growers check fields they cannot walk every day.",
         "Small farms often cannot afford the machines, critics say.")),
    "retail": Field(
        "model", "retail",
        ("AI shopping assistant", "customer service chatbot", "AI pricing engine",
         "AI stock forecaster", "AI shoplifting detector", "AI copywriting tool"),
        ("online retailers", "airlines", "telecom operators"),
        ("shoppers", "passengers", "customers"),
        ("answer customer complaints without a human agent",
         "set prices for thousands of products every hour",
         "suggest outfits from a photo of the shopper",
         "keep shelves stocked by predicting what will sell",
         "spot shoplifting on store cameras",
         "write product descriptions for thousands of items"),
        ("a chatbot that promised refunds the firm refused to pay",
         "prices that jumped during a storm", "shoppers' photos kept without consent"),
        ("generative AI", "a language model", "machine learning"),
        ("the consumer protection agency", "the competition authority"),
        ("Commerce", "Retail", "Assist"),
        ("Retailers say chatbots now handle most routine questions, from delivery dates to "
         "returns.",
         "Consumer groups want shoppers told when they are talking to a machine.",
         "{org} charges retailers a share of the sales its assistant helps to close.",
         "Prices that change by the hour have made some shoppers wary.")),
    "speech": Field(
        "model", "translation",
        ("speech recognition system", "real-time translation app", "AI dubbing tool",
         "AI dictation tool", "AI captioning service", "speech model for rare languages"),
        ("broadcasters", "travellers", "courts", "hospitals"),
        ("interpreters", "listeners", "defendants"),
        ("turn speech into text in noisy rooms", "translate a conversation as it happens",
         "subtitle live television within a second",
         "transcribe doctors' dictation into patient records",
         "caption lectures for deaf students",
         "recognise speech in languages with little written text"),
        ("mistranslations in a court hearing", "transcripts that dropped whole sentences",
         "recordings kept without consent"),
        ("speech recognition", "machine translation", "natural language processing"),
        ("the data protection authority", "the justice ministry"),
        ("Voice", "Lingo", "Speech"),
        ("Interpreters warn that errors in machine translation can change the meaning of "
         "testimony.",
         "{org} says its system covers {count} languages and dialects.",
         "Broadcasters use automatic subtitles for most live programmes now.",
         "Accents and background noise remain the hardest cases for speech software.")),
    "weather": Field(
        "model", "weather forecasting",
        ("AI weather forecasting model", "AI flood warning system",
         "AI wildfire detection network",
         "AI heatwave predictor", "AI turbulence warning tool", "AI hail damage estimator"),
        ("national weather services", "insurers", "emergency services"),
        ("residents", "farmers", "coastal towns"),
        ("forecast storms ten days ahead in seconds rather than hours",
         "warn towns of flash floods an hour earlier",
         "spot wildfire smoke from mountain cameras",
         "predict heatwaves two weeks ahead",
         "warn pilots of turbulence along their route",
         "estimate crop losses after hailstorms"),
        ("a storm warning that came too late", "false flood alerts that emptied a town",
         "a fire the network failed to spot"),
        ("machine learning", "deep learning", "neural network"),
        ("the national weather service", "the environment ministry"),
        ("Climate", "Weather", "Earth"),
        ("Forecasts made by learned models now rival traditional physics simulations at a "
         "tiny share of the cost.",
         "{org} trained its model on {n_small} decades of weather records.",
         "Emergency services say every extra hour of warning saves lives in floods.",
         "Meteorologists still check the machine's forecasts before warnings go out.")),
    "legal": Field(
        "model", "the legal profession",
        ("AI contract review assistant", "legal research chatbot", "AI case prediction tool",
         "AI contract drafter", "AI discovery tool", "AI filing checker"),
        ("law firms", "in-house legal teams", "courts"),
        ("clients", "junior lawyers", "judges"),
        ("read contracts and flag risky clauses in minutes",
         "find the precedents that matter for a case",
         "estimate how likely a case is to win",
         "draft first versions of standard contracts",
         "sort millions of documents in discovery",
         "check filings for missing signatures and deadlines"),
        ("court filings that cited cases which do not exist",
         "confidential client files exposed to other users",
         "advice that missed a change in the law"),
        ("generative AI", "a large language model", "natural language processing"),
        ("the bar association", "the justice ministry"),
        ("Legal", "Law", "Counsel"),
        ("Law firms bill by the hour, so software that saves hours changes how they charge.",
         "Judges in several countries have told lawyers to check anything a chatbot writes.",
         "{org} says {count} firms use its assistant every day.",
         "Junior lawyers used to spend their first years reviewing documents by hand.")),
}


class Event(NamedTuple):
    """What happens in a story: headlines, leads, and facts worded several ways each."""

    kind: str | None  #: the desk topic it files under, if not the field's
    titles: tuple[str, ...]
    leads: tuple[str, ...]
    facts: tuple[tuple[str, ...], ...]  #: each fact, in several wordings


EVENTS: dict[str, Event] = {
    "launch": Event(None, (
        "{org} [launches|unveils|rolls out|debuts] {product}[, {a_thing} for {users}|| to {does}]",
        "[With|Through] {product}, {org} [bets|wagers] {users} [want|will pay for] {things}",
        "{org}'s {product} [goes on sale|arrives|lands] in {country}",
        "{product}: [a new|the latest] {thing} from {org}",
        "{org} [takes on|challenges] {rival} with {product}",
    ), (
        "{org} on {day} launched {product}, {a_thing} that uses {ai} to {does}.",
        "{users} can now buy {product}, {a_thing} from {org} built with {ai} to {does}.",
        "{org}, a {city} company, has released {product}, its first {thing} for {users}; "
        "it relies on {ai} to {does}.",
        "{person} of {org} presented {product} in {city} on {day}: {a_thing} meant to "
        "{does}.",
    ), (
        ("{product} costs {price} a month per user, said {person}, {org}'s {role}.",
         "{person}, the company's {role}, put the price of {product} at {price} a month."),
        ("{org} says {product} needs {pct} percent less computing power than its earlier "
         "system.", "{org} claims a {pct} percent saving in computing power over the "
         "version before {product}."),
        ("Before the launch, {count} {users} tried {product} in a pilot lasting {n_small} "
         "months.", "{org} tested {product} with {count} {users} over {n_small} months."),
        ("Its closest competitor is {rival}, which sells a similar {thing}.",
         "{rival} offers a comparable {thing}, and the two are expected to compete on price."),
        ("{product} will reach {country2} in {month}, {org} added.",
         "A release of {product} in {country2} is planned for {month}."),
    )),
    "funding": Event("funding", (
        "{org} [raises|secures|lands|bags] {money} [for {things}|to expand "
        "{product}|from {investor}]",
        "{investor} [leads|heads|backs] {money} [round|raise|investment] in {org}",
        "{org} [valued at|worth] {valuation} after {investor}-led [round|deal]",
        "{thing} [start-up|upstart|newcomer] {org} [pulls in|attracts] {money}",
    ), (
        "{org}, which uses {ai} to {does}, has raised {money} in a round led by {investor}.",
        "Investors led by {investor} have put {money} into {org}, a {city} start-up building "
        "{things} for {users}, the company said on {day}.",
        "{org} has closed a {money} funding round to expand {product}, its {thing} for "
        "{users}, with {investor} in the lead.",
    ), (
        ("The round values {org} at {valuation}.",
         "People familiar with the deal put the value of {org} at {valuation}."),
        ("{person}, who co-founded {org} in {year}, said the money would pay for {count} new "
         "engineers.", "The cash will go on hiring, {person} said: about {count} engineers "
         "for {product} over the next year."),
        ("{org} says {count2} {users} already pay for {product}.",
         "{product} has {count2} paying customers among {users}, according to {org}."),
        ("Earlier backers of {org} include {partner}.",
         "{partner}, an earlier investor in {org}, also took part."),
        ("{org} plans to open an office in {city2} before {month}.",
         "Part of the money is meant for a new {org} office in {city2}."),
    )),
    "layoffs": Event("funding", (
        "{org} [to cut|cuts|will shed|axes] {count} [jobs|roles|posts]",
        "{org} [lays off|lets go] {pct} percent of [staff|its workforce]",
        "[Job cuts|Layoffs|Redundancies] at {org} [after|as] {product} [falls "
        "short|stalls|disappoints]",
        "{person} [tells|informs] {org} [staff|employees] of {count} [layoffs|job losses]",
    ), (
        "{org} will cut {count} jobs, [about|close to|nearly] {pct} percent of its staff, "
        "after sales of its {thing} {product} [fell short|disappointed|stalled], {person} "
        "[told employees|wrote to staff] on {day}.",
        "The {city} maker of {product}, {org}, is laying off {count} people as {users} hold "
        "back from buying {things}.",
        "{count} employees of {org} will lose their jobs, the company said on {day}, blaming "
        "weak demand for {product}, its {thing}.",
    ), (
        ("Most of the cuts fall on the team in {city} that built {product}.",
         "The {org} team in {city}, which developed {product}, loses the most staff."),
        ("{users} have been slower to buy {things} than expected, {person} wrote in a memo.",
         "In a memo, {person} said {users} had delayed orders for {product}."),
        ("Departing {org} staff will get {n_small} months of pay.",
         "Severance will be {n_small} months of salary, the {org} memo said."),
        ("{org} will keep selling {product} but has shelved work on its successor.",
         "A successor to {product} has been put on hold, {person} said."),
        ("{org} raised {money} two years ago, when investors were keen on {area}.",
         "Two years ago {org} raised {money} from investors betting on {area}."),
    )),
    "lawsuit": Event("policy", (
        "{people} [sue {org}|take {org} to court] over {risk}",
        "{org} [faces|hit with] [lawsuit|legal action|class action] over {product}",
        "[Court case|Lawsuit|Legal fight] puts {org}'s {product} on trial",
        "{expert} [leads|brings] {people}'s [case|claim] against {org}",
    ), (
        "A group of {people} has sued {org} in {city}, saying its {thing} {product} led to "
        "{risk}.",
        "{org} was taken to court on {day} by {count} {people} over {risk} linked to "
        "{product}, a {thing} that uses {ai}.",
        "{people} in {country} have filed a lawsuit accusing {org} of ignoring warnings "
        "about {risk} before selling {product}, its {thing}.",
    ), (
        ("They seek {money} in damages from {org}.",
         "The claim against {org} asks for {money} in damages."),
        ("{expert}, the group's lawyer, said {org} had ignored warnings for months.",
         "According to their lawyer, {expert}, {org} knew of the problem for months."),
        ("{org} said it would fight the claims and that {product} met every safety standard.",
         "In a statement, {org} rejected the claims and defended {product}."),
        ("Legal experts say the case over {product} could settle who answers for harm done by "
         "{things}.", "The {product} case may decide who is liable when {things} cause harm, "
         "lawyers said."),
        ("A first hearing is set for {month} in {city}.",
         "The court in {city} will hear the case in {month}."),
    )),
    "study": Event(None, (
        "{uni} [study|paper|research] finds {things} [prone to|vulnerable to|at risk of] {risk}",
        "{expert}'s team [tests|examines|audits] {count} {things}",
        "[Researchers|Scientists] at {uni} [question|doubt|challenge] claims for {org}'s {product}",
        "{org}'s {product} [falls short|struggles] in {uni} [tests|trial]",
    ), (
        "[Researchers|A group] at {uni} led by {expert} [tested|compared] {things} from "
        "{n_small} makers, including {org}'s {product}, and found [most|many of them] prone "
        "to {risk}.",
        "A team led by {expert} at {uni} reports that {things} built with {ai}, such as "
        "{product} from {org}, often fail when asked to {does}.",
        "{things} like {org}'s {product} fall short of their makers' claims, a study by "
        "{expert} of {uni} published on {day} concludes.",
    ), (
        ("{expert}'s team built a test set of {count} real cases gathered from {users}.",
         "The {uni} researchers checked the systems on {count} cases collected from {users}."),
        ("The best system handled {pct} percent of the cases, {expert} reported.",
         "Even the best performer in the {uni} study got only {pct} percent right."),
        ("{expert} said makers such as {org} should publish how they test their systems.",
         "Makers should disclose their own tests, said {expert}, the lead author."),
        ("{org} said the study had used an old version of {product}.",
         "One maker, {org}, said the researchers had tested an outdated {product}."),
        ("The {uni} authors have released their test set so others can check the results.",
         "The test cases are public, so labs other than {uni} can repeat the study."),
    )),
    "acquisition": Event("funding", (
        "{org} [buys|acquires|snaps up] {target}[ for {money}|| in {money} deal]",
        "{org} [agrees to buy|to acquire|moves to buy] {thing} maker {target}",
        "{target} [sold to|bought by|acquired by] {org}",
        "{org} [pays|spends] {money} on {target} and its {product}",
    ), (
        "{org} has agreed to buy {target}, whose {thing} uses {ai} to {does}, for {money}, "
        "the two companies said on {day}.",
        "{target}, a {city} start-up that makes {things} for {users}, is being bought by "
        "{org} for {money}.",
        "In a {money} deal announced on {day}, {org} will take over {target} and its "
        "{thing}, {product}.",
    ), (
        ("{person}, {org}'s {role}, said {product} would be offered to its customers next "
         "year.", "{org} will sell {target}'s {product} to its own customers, said {person}, "
         "its {role}."),
        ("All {count} of {target}'s employees will join {org}.",
         "{target}'s staff of {count} will move to {org}."),
        ("The deal still needs approval from {watchdog} in {country}.",
         "{watchdog} in {country} must still approve the {target} purchase."),
        ("{target} was founded in {year} by {expert}, who will stay on.",
         "Its founder, {expert}, started {target} in {year} and will remain."),
        ("The purchase puts {org} in direct competition with {rival}.",
         "Analysts said buying {target} sets {org} against {rival}."),
    )),
    "incident": Event(None, (
        "{org} [pulls|halts|suspends|withdraws] {product} after {risk}",
        "{product} [halted|suspended|taken offline] [over|after reports of] {risk}",
        "{risk} [forces|prompts] {org} to [pause|stop] {product}",
        "{org} [investigates|reviews] {risk} [in {city}|involving {product}]",
    ), (
        "{org} has [suspended|paused|withdrawn] its {thing} {product} after [reports|"
        "evidence|claims] of {risk}, {person} said on {day}.",
        "Reports of {risk} have led {org} to take {product}, its {thing} for {users}, out of "
        "service while engineers in {city} investigate.",
        "{org} stopped its {thing} {product} on {day} following {risk} in {city}.",
    ), (
        ("About {count} {users} were using {product} when it was halted.",
         "The suspension of {product} affects some {count} {users}."),
        ("An internal review at {org} traced the fault to an update released in {month}.",
         "{org} blamed a software update to {product} from {month}."),
        ("{watchdog} said it was in contact with {org} about the incident.",
         "{org} has informed {watchdog}, which is reviewing what happened in {city}."),
        ("{person} said a fix for {product} would be ready within {n_small} weeks.",
         "A fix should follow in {n_small} weeks, according to {person}, {org}'s {role}."),
        ("Customers of {product} will be offered refunds.",
         "{org} promised refunds to customers affected in {city}."),
    )),
    "probe": Event("policy", (
        "{watchdog} [opens inquiry into|investigates|probes] {org}[|'s {thing}]",
        "{org} [under investigation|under scrutiny] over {risk}",
        "[Regulators|Officials] [probe|examine|question] {org}'s {product}",
        "{watchdog} [looks into|scrutinises] {product} after {count} complaints",
    ), (
        "{watchdog} has [opened an investigation into|begun examining|launched a formal "
        "review of] {org} after [complaints about|reports of] {risk} involving its {thing} "
        "{product}.",
        "{org} is under investigation by {watchdog} over {risk} linked to its {thing} "
        "{product}, the regulator said on {day}.",
        "Complaints about {risk} have prompted {watchdog} to examine how {org} built "
        "{product}, which uses {ai}.",
    ), (
        ("The inquiry into {org} follows {count} complaints from {people} since {month}.",
         "Since {month}, {count} {people} have complained about {product}, the regulator "
         "said."),
        ("Fines could reach {pct} percent of {org}'s annual turnover.",
         "A breach of the rules can cost {org} up to {pct} percent of turnover."),
        ("{org} said it was cooperating fully and stood by {product}.",
         "{person} said {org} would cooperate with {watchdog}."),
        ("The investigation of {product} is expected to take {n_small} months.",
         "A decision on {org} is due in about {n_small} months."),
        ("{expert}, who heads the regulator's technology unit, said {users} deserve to know "
         "how {product} decides.", "Users deserve to know how {things} like {product} reach "
         "decisions, said {expert} of the regulator."),
    )),
    "bill": Event("policy", (
        "{country} [lawmakers|parliament|legislators] [approve|pass|back] {act}",
        "{act}: {country} [sets limits on|tightens rules for|regulates] {things}",
        "{expert}'s {act} [would require|demands|mandates] human checks on {things}",
        "{country} [votes for|adopts] {act} after {risk}",
    ), (
        "[Lawmakers|Members of parliament] in {country} voted on {day} for the {act}, "
        "[which sets rules for|which governs|a law covering] {things} used by {users}, after "
        "[months of debate|a long argument] over {risk}.",
        "{country} has passed the {act}, requiring makers of {things} such as {org} to "
        "register each system and show how it was tested.",
        "The {act}, approved in {country} on {day}, puts {things} under new oversight, with "
        "human review required before {users} may use them.",
    ), (
        ("The {act} passed comfortably, with {n_small} members abstaining.",
         "{country}'s parliament approved the {act} by a wide margin; {n_small} members "
         "abstained."),
        ("Under the {act}, makers must report serious incidents within {n_small} days.",
         "Serious incidents will have to be reported within {n_small} days, the {act} says."),
        ("{expert}, the lawmaker who drafted the {act}, cited cases of {risk}.",
         "The bill's author, {expert}, said cases of {risk} in {city} made it necessary."),
        ("Companies including {org} warned that the {act} would slow new products.",
         "{org} and other makers said the {act} would delay launches such as {product}."),
        ("The {act} takes effect in {month}, with fines of up to {money}.",
         "From {month}, breaches of the {act} can be fined up to {money}."),
    )),
    "contract": Event(None, (
        "{org} [wins|lands|secures] {money} {partner} contract",
        "{partner} [picks|chooses|selects] {org}'s {product}[| for {users}]",
        "{org} and {partner} [sign|agree|strike] [deal|pact|agreement] on {product}",
        "{org} to supply {product} to {partner} in {country}",
    ), (
        "{partner} has chosen {org} to supply its {thing} {product} under a contract worth "
        "{money}, the companies said on {day}.",
        "{org} will provide {product}, {a_thing} that uses {ai}, to {partner} in a {money} "
        "deal.",
        "In a deal worth {money}, {partner} will roll out {org}'s {product} to {users} in "
        "{country}.",
    ), (
        ("The first {product} systems go into service in {city} in {month}.",
         "Rollout of {product} starts in {city} in {month}."),
        ("The {partner} deal covers {count} sites over {n_small} years.",
         "It runs for {n_small} years and covers {count} {partner} sites."),
        ("{person} called it the largest contract in {org}'s history.",
         "It is {org}'s biggest contract so far, said {person}, the {role}."),
        ("{rival} also bid for the work, according to people familiar with the tender.",
         "{org} beat {rival} to the contract, people familiar with the tender said."),
        ("Neither {org} nor {partner} disclosed the price per system.",
         "The price of each {product} system was not disclosed."),
    )),
    "outage": Event(None, (
        "{org}'s {product} [goes down|fails|goes dark] for {n_small} hours",
        "[Outage|Breakdown|Disruption] at {org} [leaves|strands] {users} without {product}",
        "{product} [outage|failure|breakdown]: {org} [blames|points to] [configuration "
        "error|a bad change]",
        "{users} [cut off|stranded] as {product} [crashes|fails] in {city}",
    ), (
        "{users} [were left without|lost access to|could not reach] {product}, {org}'s "
        "{thing}, for {n_small} hours on {day} after [a fault in|a power cut at] its [data "
        "centre|server site] in {city}.",
        "A {n_small}-hour outage of {org}'s {product}, {a_thing} built on {ai}, disrupted "
        "{users} across {country} on {day}.",
        "{org} restored its {thing} {product} on {day} after an outage that left {users} "
        "without it for {n_small} hours.",
    ), (
        ("{org} engineers in {city} traced the outage to a faulty configuration change.",
         "A configuration change made by mistake took {product} down, {org} said."),
        ("{count} customers reported problems with {product} during the outage.",
         "During the outage, {count} {org} customers reported problems."),
        ("{person} apologised and promised service credits to {product} users.",
         "{org}'s {role}, {person}, apologised and offered credits."),
        ("It was the second outage of {product} this year.",
         "{product} also went down earlier this year, in {month}."),
        ("Some {users} said they would look at {rival} as a backup to {product}.",
         "{rival} said it had seen a rush of sign-ups during the {org} outage."),
    )),
    "leadership": Event(None, (
        "{org} [names|appoints|picks] {person} [chief executive|CEO|as new boss]",
        "{org} founder {expert} [steps down|quits|hands over]; {person} [takes over|steps in]",
        "[Shake-up|Change at the top|New boss] at {org} as {person} replaces {expert}",
        "{person} to [lead|run|head] {org}, maker of {product}",
    ), (
        "{org}, the maker of the {thing} {product}, said on {day} that {person} would "
        "[take over as chief executive from|succeed] founder {expert}[| at the top].",
        "{person} will lead {org}, the {city} company behind the {thing} {product}, "
        "replacing its founder {expert}.",
        "{expert}, who founded {org} in {year} to build {things} with {ai}, is handing the "
        "chief executive job to {person}.",
    ), (
        ("{person} previously ran the {thing} business at {rival}.",
         "Before joining {org}, {person} led {rival}'s work on {things}."),
        ("The change follows a year in which {product} lost ground to {rival}.",
         "{product} has lost customers to {rival} this year."),
        ("{expert} will stay on the {org} board and advise on research.",
         "The founder, {expert}, keeps a board seat and an advisory role."),
        ("Investors in {org} had pushed for new leadership, two people said.",
         "Two people said investors asked {expert} for the change."),
        ("{person} said the priority was to win back {users} for {product}.",
         "Winning back {users} comes first, {person} said."),
    )),
    "results": Event("funding", (
        "{org} [revenue|turnover|sales] [jumps|climbs|surges|rises] {pct}%",
        "{org} [beats|tops|exceeds] [forecasts|estimates] as {product} [sells|takes off]",
        "{org} results: {product} [sales|orders] up {pct}%",
        "{users} [lift|drive|power] {org} to [record|strong] {quarter}-quarter [sales|revenue]",
    ), (
        "{org} [reported|posted|announced] revenue of {money} for the {quarter} quarter, "
        "[up {pct} percent from a year earlier|a rise of {pct} percent on the year], as {users} "
        "[bought more of|ordered more of|took up] its {thing} {product}.",
        "Sales of {product}, its {thing}, lifted {org}'s {quarter}-quarter revenue by {pct} "
        "percent to {money}.",
        "{org} beat analysts' forecasts on {day}, with revenue up {pct} percent on demand "
        "for {product}, its {thing}.",
    ), (
        ("Net profit at {org} reached {money2}.", "{org} earned {money2} in profit."),
        ("{person}, the {role}, said orders for {product} from {users} were still growing.",
         "Orders from {users} keep rising, said {person} of {org}."),
        ("{org} raised its forecast for the full year.",
         "{org} now expects a stronger full year, {person} said."),
        ("{org} has {count} employees after hiring {count3} this year.",
         "Headcount at {org} stands at {count} after {count3} hires this year."),
        ("Analysts had expected slower growth because of competition from {rival}.",
         "Competition from {rival} had led analysts to expect less of {org}."),
    )),
    "expansion": Event(None, (
        "{org} to [open|build] {money} [site|centre|plant] in {city2}",
        "{org} [picks|chooses|selects] {city2} for [new|its next] {thing} [centre|hub|plant]",
        "{city2} [lands|wins|secures] {org} [plant|hub] and {count} jobs",
        "{org} [expands|grows] in {city2} with {money} [investment|project]",
    ), (
        "{org} will [spend|put] {money} [on|into] a [site|campus|facility] in {city2} to "
        "[build and test|develop] its {things}, [creating|bringing] about {count} jobs, "
        "{person} said on {day}.",
        "The maker of {product}, {org}, has chosen {city2} for a {money} centre where it "
        "will develop {things} with {ai}.",
        "{org} plans a {money} expansion in {city2} to meet demand from {users} for "
        "{product}.",
    ), (
        ("Construction in {city2} starts in {month} and should finish within {n_small} "
         "years.", "Work on the {org} site begins in {month}; it should open in {n_small} "
         "years."),
        ("The government of {country} offered tax breaks worth {money2}.",
         "Tax breaks of {money2} helped {city2} win the project, officials said."),
        ("{person} said {city2} was chosen for its universities and engineers.",
         "The engineers and universities of {city2} decided it, said {person}."),
        ("{org} already employs {count3} people in {city}.",
         "{org} has {count3} staff at its base in {city}."),
        ("{rival} announced a similar site last year.",
         "Last year {rival} opened a site comparable to the {org} plan."),
    )),
}

#: What the story's product is, in several wordings; every rewrite says it near the top.
WHAT_IT_IS = (
    "{product} [uses|relies on|is built on] {ai} to {does}.",
    "[Built on|Based on] {ai}, {product} is [meant|designed] to {does}.",
    "The {thing} [at the centre of the story|in question], {product}, uses {ai} to {does}.",
    "{org} [describes|markets] {product} as {a_thing} that can {does}, thanks to {ai}.",
)
#: Sentences any story may carry, whatever its field or event.
COLOUR = (
    "{org} declined to comment beyond its statement.",
    "Analysts said the news would be watched closely across {area}.",
    "{person} is due to speak at a conference in {city2} next month, where more details are "
    "expected.",
    "Investors have poured money into {area} over the past two years, though few companies "
    "make a profit.",
    "Critics say {users} are being asked to trust systems they cannot inspect.",
    "A spokesperson said more details would follow in the coming weeks.",
    "The wider argument over how far to trust {ai} in {area} is far from settled.",
    "Staff were told of the news in a meeting on {day}, according to two people present.",
    "{org} employs about {count3} people, most of them engineers.",
    "This article was updated with comment from {org}.",
)
#: Words a rewriter swaps freely (each set shares part of speech and form, and fits every
#: place the templates use it): each rewrite takes its own word of a set, so stories of one
#: kind share fewer words, while a story's rewrites still share its names and facts.
SYNONYMS = (
    ("company", "firm", "business"), ("said", "stated", "noted"),
    ("revenue", "turnover"), ("jumps", "climbs", "rises"),
    ("demand", "appetite"), ("forecasts", "estimates", "expectations"),
    ("staff", "employees", "workers"), ("jobs", "roles", "positions"),
    ("cut", "shed", "eliminate"), ("investors", "backers", "funders"),
    ("deal", "agreement", "transaction"), ("buy", "acquire", "purchase"),
    ("launched", "introduced", "unveiled"), ("tested", "trialled", "evaluated"),
    ("complaints", "grievances", "objections"), ("investigation", "inquiry"),
    ("lawmakers", "legislators", "parliamentarians"), ("rules", "regulations"),
    ("warned", "cautioned"), ("fault", "glitch", "failure"),
    ("customers", "clients", "buyers"), ("engineers", "developers", "technicians"),
    ("largest", "biggest"), ("rival", "competitor"), ("researchers", "scientists"),
    ("study", "paper", "report"), ("team", "group"), ("suspended", "halted", "paused"),
    ("promised", "pledged"), ("weak", "soft", "sluggish"),
    ("announced", "disclosed", "revealed"), ("chosen", "picked", "selected"),
    ("growing", "rising", "climbing"), ("opened", "started"),
    ("expected", "anticipated"), ("fight", "contest"),
    ("approved", "passed", "adopted"), ("problem", "flaw"),
    ("rush", "surge", "wave"),
)
_SYNONYM_SET = {word: group for group in SYNONYMS for word in group}
_SWAPPABLE = re.compile(r"\b(?:" + "|".join(sorted(_SYNONYM_SET, key=len, reverse=True))
                        + r")\b")
_CHOICE = re.compile(r"\[([^\[\]]*)\]")
OFF_TOPIC = (
    "The city council approved a new cycle lane along the river after a long debate.",
    "Local bakers reported record sales during the autumn festival weekend.",
    "The home team won on penalties after a goalless match in heavy rain.",
    "A new exhibition of landscape paintings opens at the museum on Friday.",
    "Volunteers cleaned the beach and collected two tonnes of plastic.",
)
SPAM = ("{thing} Market Size, Share, CAGR and Forecast to 2032",
        "Global {thing} Market Report: Trends, Share and Outlook 2031")
SPAM_THINGS = ("AI accelerator", "inference chip", "language model", "vision model",
               "warehouse robot", "AI tutor")

SYLLABLES = ("ka", "lo", "ven", "tra", "mir", "sol", "dex", "nor", "bel", "quin", "zar", "phe",
             "ori", "tal", "vex", "run", "cal", "emb", "ost", "ira", "ule", "gan", "pry", "sto",
             "mar", "keth", "ad", "vio", "lun", "sar", "tem", "ebb", "nox", "pel", "ria", "dun",
             "bra", "cor", "fen", "gil", "hal", "jor", "kin", "lem", "mos", "nep", "pav", "rok",
             "sev", "tor", "uma", "val", "wen", "yar", "zel", "ast", "bri", "dov", "esk", "fir")
FIRST_NAMES = ("Amara", "Bruno", "Chen", "Dalia", "Emeka", "Freya", "Goran", "Hana", "Ines",
               "Jonas", "Kavya", "Luis", "Mei", "Nadia", "Omar", "Priya", "Rafael", "Sofia",
               "Tomas", "Ulla", "Viktor", "Wen", "Yusuf", "Zara", "Anders", "Beatriz",
               "Carlos", "Dmitri", "Elif", "Farah", "Gustav", "Hiro", "Ivana", "Kofi", "Leila",
               "Mateo", "Nkechi", "Oskar", "Paulina", "Quentin", "Rosa", "Sanjay", "Tariq",
               "Ugo", "Vera", "Wiktor", "Ximena", "Yara", "Zoltan", "Aiko", "Bastian", "Chiara",
               "Deniz", "Esther", "Fatima", "Giulia", "Hamza", "Ingrid", "Jae", "Kamal")
CITIES = ("Oslo", "Lyon", "Austin", "Pune", "Osaka", "Leeds", "Quito", "Perth", "Turin", "Riga",
          "Kobe", "Accra", "Bergen", "Denver", "Lille", "Malmo", "Porto", "Graz", "Tartu",
          "Ghent", "Boise", "Cork", "Dundee", "Haifa", "Nagoya", "Recife", "Tampere",
          "Utrecht", "Bilbao", "Lagos", "Madison", "Brno", "Aarhus", "Cusco", "Daejeon",
          "Eindhoven", "Fukuoka", "Gdansk", "Halifax", "Izmir", "Jaipur", "Kraków", "Leipzig",
          "Mombasa", "Nantes", "Oulu", "Plovdiv", "Rosario", "Sapporo", "Tromso", "Uppsala",
          "Valencia", "Winnipeg", "Zaragoza")
COUNTRIES = ("Norway", "Brazil", "Japan", "Kenya", "Canada", "Poland", "Chile", "Ireland",
             "Vietnam", "Portugal", "Finland", "Mexico", "Ghana", "Austria", "Korea", "Spain")
ROLES = ("chief executive", "head of product", "chief technology officer", "co-founder",
         "president")
GENERIC_SUFFIXES = ("Labs", "Systems", "Technologies", "Inc")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _money(rng: random.Random, low: float, high: float) -> str:
    """An amount in millions, written as news writes it ("$45 million", "€1.2 billion")."""
    amount = math.exp(rng.uniform(math.log(low), math.log(high)))
    sign = rng.choice(("$", "$", "€", "£"))
    if amount >= 1000:
        return f"{sign}{amount / 1000:.1f} billion"
    return f"{sign}{int(amount):,} million"


class Generator:
    """Articles as `tidings curate` input lines, in time order, from a fixed seed."""

    def __init__(self, count: int, seed: int = 7) -> None:
        self.count = count
        self.rng = random.Random(seed)
        self.publishers = [self._name(2) + ".example" for _ in range(400)]
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.publishers))]
        self.weights = weights  # a few big publishers, a long tail of small ones
        #: Each article's story number as generated (-1: off-topic or spam), compact so
        #: that the memory measured stays the curator's.
        self.truth = array("i")
        self.stories = 0

    def lines(self) -> Iterator[str]:
        """The stream; ``truth[n]`` is then article n's story number (-1: not a story)."""
        step = SPAN_DAYS * 86_400 / self.count
        open_stories: list[dict[str, Any]] = []
        for n in range(self.count):
            when = START + timedelta(seconds=n * step)
            roll = self.rng.random()
            if roll < 0.04:
                self.truth.append(-1)
                yield self._off_topic(n, when)
                continue
            if roll < 0.06:
                self.truth.append(-1)
                yield self._spam(n, when)
                continue
            # Stories open in time order, so the ones past their four days come first.
            expired = 0
            while expired < len(open_stories) and \
                    when - open_stories[expired]["start"] >= timedelta(days=4):
                expired += 1
            del open_stories[:expired]
            if not open_stories or self.rng.random() < 0.35:
                open_stories.append(self._story(when))
                open_stories[-1]["number"] = self.stories
                self.stories += 1
            story = self.rng.choice(open_stories)
            story["left"] -= 1
            if story["left"] <= 0:  # told in full
                open_stories.remove(story)
            self.truth.append(story["number"])
            yield self._article(n, when, story)

    def _name(self, syllables: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(syllables))

    def _company(self, suffixes: tuple[str, ...]) -> str:
        return f"{self._name(self.rng.randint(2, 3)).title()} {self.rng.choice(suffixes)}"

    def _person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self._name(self.rng.randint(2, 3)).title()}"

    def _story(self, when: datetime) -> dict[str, Any]:
        """One event with every fact its articles may tell, fixed once for all of them."""
        rng = self.rng
        field_name = rng.choice(list(FIELDS))
        event_name = rng.choice(list(EVENTS))
        field, event = FIELDS[field_name], EVENTS[event_name]
        size = min(int(rng.paretovariate(1.2)), 60)  # most stories small, a few large
        thing = rng.choice(field.things)
        people = rng.choice(field.people)
        cities = rng.sample(CITIES, 3)
        countries = rng.sample(COUNTRIES, 2)
        uni = rng.choice((f"the University of {cities[2]}", f"{cities[2]} Institute of "
                          f"Technology", f"{self._name(2).title()} University"))
        product = self._name(rng.randint(2, 3)).title() + rng.choice(
            ("", f"-{rng.randint(2, 99)}", " Pro", f" {rng.randint(2, 9)}", " One"))
        suffixes = field.suffixes + GENERIC_SUFFIXES
        count, count3 = sorted((rng.randint(40, 4000), rng.randint(12, 900)), reverse=True)
        return {
            "kind": event.kind or field.kind, "field": field_name, "event": event_name,
            "start": when, "left": size, "articles": [],
            "slots": {
                "org": self._company(suffixes), "rival": self._company(suffixes),
                "target": self._company(suffixes), "partner": self._company(GENERIC_SUFFIXES),
                "investor": f"{self._name(2).title()} "
                            f"{rng.choice(('Ventures', 'Capital', 'Partners'))}",
                "product": product, "thing": thing, "things": thing + "s",
                "act": f"{self._name(2).title()} Act",
                "a_thing": ("an " if thing[0] in "aeiouAEIOU" else "a ") + thing,
                "users": rng.choice(field.users), "people": people,
                "does": rng.choice(field.does), "risk": rng.choice(field.risks),
                "ai": rng.choice(field.ai), "area": field.area,
                "watchdog": rng.choice(field.watchdogs),
                "person": self._person(), "expert": self._person(),
                "role": rng.choice(ROLES), "uni": uni,
                "city": cities[0], "city2": cities[1],
                "country": countries[0], "country2": countries[1],
                "money": _money(rng, 5, 3000), "money2": _money(rng, 1, 200),
                "valuation": _money(rng, 200, 20000), "price": f"${rng.randint(5, 99)}",
                "count": f"{count:,}", "count2": f"{rng.randint(15, 900):,}",
                "count3": f"{count3:,}", "n_small": rng.randint(2, 9),
                "pct": rng.randint(6, 70), "year": rng.randint(2012, 2024),
                "month": rng.choice(MONTHS), "day": when.strftime("%A"),
                "quarter": rng.choice(("first", "second", "third", "fourth")),
            },
        }

    def _reword(self, texts: list[str]) -> list[str]:
        """One writer's wording: a word of each synonym set, kept for the whole article."""
        chosen: dict[tuple[str, ...], str] = {}

        def swap(match: re.Match[str]) -> str:
            group = _SYNONYM_SET[match.group(0)]
            if group not in chosen:
                chosen[group] = self.rng.choice(group)
            return chosen[group]

        return [_SWAPPABLE.sub(swap, text) for text in texts]

    def _fill(self, template: str, slots: dict[str, Any]) -> str:
        # "[a|b]" in a template is this writer's pick of a or b.
        template = _CHOICE.sub(lambda m: self.rng.choice(m.group(1).split("|")), template)
        return _cap(template.format(**slots).replace("s's ", "s' "))

    def _article(self, n: int, when: datetime, story: dict[str, Any]) -> str:
        rng = self.rng
        publisher = rng.choices(self.publishers, self.weights)[0]
        slots = story["slots"]
        if story["articles"] and rng.random() < 0.08:  # a syndicated copy
            title, text = rng.choice(story["articles"])
            text += " " + self._fill(rng.choice(COLOUR), slots)
        else:
            # A rewrite: the story's facts in this writer's words and order, with the
            # field's background and some colour of its own.
            field, event = FIELDS[story["field"]], EVENTS[story["event"]]
            # News runs from the event down: the lead, the story's own facts in this
            # writer's order, then background shared with the field, until long enough.
            title = self._fill(rng.choice(event.titles), slots)
            told = [self._fill(rng.choice(event.leads), slots)]
            told += [self._fill(rng.choice(f), slots)
                     for f in rng.sample(event.facts, rng.randint(4, 5))]
            # What the product is, told early whatever the event: the AI in AI news.
            told.insert(rng.randint(1, 2), self._fill(rng.choice(WHAT_IT_IS), slots))
            spare = [*field.context, *COLOUR]
            rng.shuffle(spare)
            length, wanted = sum(len(s.split()) for s in told), rng.randint(140, 320)
            while spare and length < wanted:
                told.append(self._fill(spare.pop(), slots))
                length += len(told[-1].split())
            title, text = self._reword([title, " ".join(told)])
            story["articles"].append((title, text))
        return self._line(n, when, title, text, publisher, author=rng.random() < 0.7)

    def _off_topic(self, n: int, when: datetime) -> str:
        text = " ".join(self.rng.choice(OFF_TOPIC) for _ in range(12))
        return self._line(n, when, "Around town this week", text,
                          self.rng.choice(self.publishers))

    def _spam(self, n: int, when: datetime) -> str:
        thing = self.rng.choice(SPAM_THINGS).title()
        title = self.rng.choice(SPAM).format(thing=thing)
        text = (f"The {thing} market size was valued at USD {self.rng.randint(2, 90)} billion. "
                "The report covers market share, CAGR and the forecast period. Request a free "
                "sample. ") * 6
        return self._line(n, when, title, text, "openpr.com")

    @staticmethod
    def _line(n: int, when: datetime, title: str, text: str, publisher: str,
              author: bool = False) -> str:
        data = {"id": n, "title": title, "text": text, "publisher": publisher,
                "url": f"https://{publisher}/news/{n}", "publishedDateTime": when.isoformat(),
                "author": "Staff Writer" if author else None}
        return json.dumps(data)
