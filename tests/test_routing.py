"""Titles as employers post them route to the right family.

Each line is a spelling seen on job boards — level words, abbreviations, "Sr.",
"II", shift and hours suffixes, a company or place beside the role — and the family
whose duties a posting for it must use.
"""

from __future__ import annotations

from functools import cache

import pytest

from jdtailor.corpus import Corpus, load_corpus
from jdtailor.retrieval import match_family

ROUTES = """
Cashier | cashier
Cashier - Part Time | cashier
Front End Cashier (Evenings) | cashier
Walmart - Cashier | cashier
Grocery Cashier | cashier
Line Cook | line-cook
Sr. Line Cook - Night Shift | line-cook
Prep Cook | line-cook
Line Cook (Full-Time) - $18/hr | line-cook
Grill Cook | line-cook
Cook | line-cook
Sous Chef | chef
Executive Chef | chef
Server | food-server
Restaurant Server - Weekends | food-server
Waiter | food-server
Barista | barista
Barista - Part Time | barista
Bartender | bartender
Head Bartender | bartender
Host | restaurant-host
Hostess | restaurant-host
Dishwasher | dishwasher
Crew Member | fast-food-crew
Baker | baker
Housekeeper | housekeeping
Room Attendant | housekeeping
Front Desk Agent | hotel-front-desk
Night Auditor | hotel-front-desk
Guest Service Agent | hotel-front-desk
Janitor | janitorial
Custodian - 3rd Shift | janitorial
Security Officer | security-officer
Security Guard - Overnight | security-officer
Correctional Officer | correctional-officer
Detention Officer - Night Shift | correctional-officer
Jailer | correctional-officer
Lifeguard | lifeguard
Pool Lifeguard - Seasonal | lifeguard
Head Lifeguard | lifeguard
Aquatics Supervisor | lifeguard
Sales Associate | retail-sales-associate
Retail Sales Associate - Seasonal | retail-sales-associate
Stocker | stocker
Overnight Stocker | stocker
Store Manager | retail-management
Assistant Store Manager | retail-management
Hair Stylist | hair-stylist
Personal Trainer | fitness-trainer
Certified Nursing Assistant | nursing-assistant
CNA | nursing-assistant
CNA - Night Shift | nursing-assistant
STNA | nursing-assistant
Patient Care Technician | nursing-assistant
Medical Assistant | medical-assistant
Certified Medical Assistant (CMA) | medical-assistant
LPN | licensed-practical-nurse
Licensed Practical Nurse | licensed-practical-nurse
LVN | licensed-practical-nurse
Registered Nurse | registered-nursing
RN - Night Shift | registered-nursing
Registered Nurse – Med Surg, Nights | registered-nursing
Charge Nurse | registered-nursing
Pharmacy Cashier | cashier
Grocery Store Cashier - Nights and Weekends | cashier
Welder Fitter | welder
Picker | warehouse-logistics
Night Warehouse Order Selector | warehouse-logistics
Warehouse Associate 2nd Shift $19/hr | warehouse-logistics
Hospital Housekeeper | housekeeping
Key Holder (FT or PT) | retail-management
Certified Nurse Assistant | nursing-assistant
Registered Nurse RN Labor and Delivery | registered-nursing
NICU - Registered Nurse Commit | registered-nursing
Retail Sales Representative | retail-sales-associate
Caregiver/Home Health Aide | caregiver
Secretary/Scheduler (TEMP) | office-administration
Caregiver for Saratoga, Warren and Washington Counties | caregiver
Sales Associate at Macy's | retail-sales-associate
Coordinator, Talent Acquisition | recruiting
Auditing Clerk | accounting
PT Preload | warehouse-logistics
Analyst, Logistics | supply-chain-analyst
Reporter | journalist
Pool Technician | pool-service-technician
Coach | sports-coach
International Travel Counselor | travel-agent
ICU Nurse | registered-nursing
Pharmacy Technician | pharmacy-technician
Pharmacy Tech II | pharmacy-technician
Pharmacist | pharmacist
Phlebotomist | phlebotomy
Dental Assistant | dental-assistant
Dental Hygienist | dental-hygienist
Physical Therapist | physical-therapy
Occupational Therapist | occupational-therapy
Home Health Aide | home-health-aide
Caregiver | caregiver
Personal Care Aide | caregiver
Direct Support Professional | direct-support-professional
DSP - Overnight | direct-support-professional
Group Home Staff | direct-support-professional
Habilitation Technician | direct-support-professional
Registered Behavior Technician | behavior-technician
RBT - Part-Time | behavior-technician
ABA Therapist | behavior-technician
Mental Health Technician - Night Shift | mental-health-technician
Psychiatric Technician | mental-health-technician
Behavioral Health Technician | mental-health-technician
Chemist | chemist
Sr. Analytical Chemist | chemist
QC Chemist II | chemist
Research Scientist | research-scientist
Scientist II | research-scientist
Microbiologist | research-scientist
Environmental Scientist | environmental-specialist
Pilot | airline-pilot
First Officer | airline-pilot
Corporate Pilot - Part 135 | airline-pilot
Certified Flight Instructor | airline-pilot
A&P Mechanic | aircraft-mechanic
Aviation Maintenance Technician II | aircraft-mechanic
Avionics Technician - Night Shift | aircraft-mechanic
Court Reporter | court-reporter
Stenographer | court-reporter
CART Captioner | court-reporter
Collections Agent | collections-agent
Collector - Part-Time | collections-agent
Sr. Collections Specialist | collections-agent
Accounts Receivable Collector | collections-agent
Optician | optician
Licensed Optician - Part-Time | optician
Optometric Technician | optician
Field Service Technician | field-service-technician
Sr. Field Service Engineer | field-service-technician
Biomedical Equipment Technician | field-service-technician
Recreation Aide | recreation-worker
Camp Counselor - Seasonal | recreation-worker
Activities Assistant | recreation-worker
Youth Program Worker | recreation-worker
Veterinary Technician | veterinary-technician
Vet Tech | veterinary-technician
Medical Receptionist | medical-receptionist
EMT | emt-paramedic
Paramedic | emt-paramedic
Childcare Worker | childcare-worker
Medical Coder | medical-billing-coding
Radiologic Technologist | radiologic-technologist
Respiratory Therapist | respiratory-therapy
Plumber | plumber
Journeyman Plumber | plumber
HVAC Technician | hvac-technician
HVAC Service Technician - Residential | hvac-technician
Automotive Technician | automotive-technician
Auto Mechanic | automotive-technician
Diesel Mechanic | diesel-mechanic
Welder | welder
Welder/Fabricator | welder
Carpenter | carpenter
Ironworker | ironworker
Rebar Worker - Night Shift | ironworker
Journeyman Ironworker | ironworker
Glazier | glazier
Auto Glass Technician | glazier
Storefront Installer | glazier
Cabinet Maker | cabinetmaker-woodworker
Woodworker | cabinetmaker-woodworker
CNC Router Operator - 2nd Shift | cabinetmaker-woodworker
Drywall Installer | drywall-installer
Drywall Finisher | drywall-installer
Plasterer | drywall-installer
Locksmith | locksmith
Access Control Technician | locksmith
Auto Body Technician | auto-body-technician
Collision Repair Technician - Flat Rate | auto-body-technician
Auto Painter | auto-body-technician
Body Shop Estimator | auto-body-technician
Lineman | lineworker
Journeyman Lineman - Storm Restoration | lineworker
Groundman | lineworker
Cable Installer | telecom-technician
Fiber Splicer | telecom-technician
Low Voltage Technician | telecom-technician
Telecommunications Technician II | telecom-technician
Maintenance Technician | maintenance-technician
Building Maintenance Technician - 2nd Shift | maintenance-technician
Construction Laborer | construction-laborer
General Laborer | construction-laborer
Painter | painter
Landscaper | landscaping
Electrician | electrician
Journeyman Electrician | electrician
Heavy Equipment Operator | heavy-equipment-operator
CDL-A Truck Driver | truck-driver
OTR Driver | truck-driver
Class A CDL Driver | truck-driver
Delivery Driver | delivery-driver
Courier | delivery-driver
Taxi Driver | taxi-rideshare-driver
Rideshare Driver - Part-Time | taxi-rideshare-driver
Chauffeur | taxi-rideshare-driver
NEMT Driver | taxi-rideshare-driver
Farm Worker | farmworker
Farmhand - Seasonal | farmworker
Greenhouse Worker | farmworker
Dairy Farm Worker | farmworker
Dispatcher | dispatcher
Forklift Operator | forklift-operator
Forklift Operator - 1st Shift | forklift-operator
Production Worker | production-worker
Assembler | production-worker
Machine Operator | production-worker
CNC Machinist | machinist
Quality Inspector | quality-inspector
Warehouse Associate | warehouse-logistics
Warehouse Associate - 2nd Shift | warehouse-logistics
Material Handler | warehouse-logistics
Preschool Teacher | preschool-teacher
Teacher Assistant | teacher-assistant
Paraprofessional | teacher-assistant
Teacher | teaching
High School Math Teacher | teaching
Elementary School Teacher | teaching
Social Worker | social-worker
LCSW | social-worker
Mental Health Counselor | mental-health-counseling
Grant Writer | grant-writer
Development Director | fundraising
Major Gifts Officer | fundraising
Bank Teller | bank-teller
Teller - Part Time (20 hrs) | bank-teller
Loan Officer | loan-officer
Mortgage Loan Officer | loan-officer
Insurance Agent | insurance-agent
Real Estate Agent | real-estate-agent
Realtor | real-estate-agent
Payroll Specialist | payroll
Bookkeeper | bookkeeping
Accountant | accounting
Staff Accountant | accounting
Executive Assistant | executive-assistant
Administrative Assistant | office-administration
Receptionist | office-administration
Event Coordinator | event-coordination
Event Planner | event-coordination
Property Manager | property-management
Leasing Consultant | property-management
Mechanical Engineer | mechanical-engineering
Civil Engineer | civil-engineering
Electrical Engineer | electrical-engineering
Cybersecurity Analyst | cybersecurity
SOC Analyst II | cybersecurity
Network Administrator | network-administration
Network Engineer | network-administration
Business Analyst | business-analysis
Technical Writer | technical-writing
Paralegal | paralegal
Buyer | purchasing
Purchasing Agent | purchasing
Software Engineer | software-engineering
Sr. Software Engineer | software-engineering
Full Stack Developer | software-engineering
Data Analyst | data-analysis
Data Scientist | data-science
Product Manager | product-management
Project Manager | project-management
Customer Service Representative | customer-support
Call Center Agent | customer-support
Account Manager | account-management
Account Executive | sales
Sales Representative | sales
Business Development Manager | sales
SDR | sales-development
Marketing Manager | marketing
Graphic Designer | graphic-design
UX Designer | ux-design
Recruiter | recruiting
HR Generalist | hr-people-partner
IT Support Specialist | it-support
Help Desk Technician | it-support
Operations Manager | operations-management
Restaurant Manager | hospitality-management
Financial Analyst | financial-analysis
QA Engineer | qa-engineering
DevOps Engineer | devops-sre
Customer Success Manager | customer-success
Communications Manager | communications
Attorney | legal
Retail Salesperson | retail-sales-associate
Freight Mover | warehouse-logistics
Order Filler | warehouse-logistics
Package Handler | warehouse-logistics
Industrial Truck Operator | forklift-operator
Office Clerk | office-administration
Data Entry Clerk | office-administration
General Manager | operations-management
Maintenance and Repair Worker | maintenance-technician
Food Preparation Worker | line-cook
Human Resources Specialist | hr-people-partner
Special Education Teacher | teaching
Heavy Truck Driver | truck-driver
Landscaping Worker | landscaping
Management Analyst | business-analysis
Market Research Analyst | marketing
Management Consultant | management-consultant
Sr. Strategy Consultant | management-consultant
Consulting Analyst | management-consultant
Engagement Manager | management-consultant
Architect | architect
Project Architect | architect
Architectural Designer - Part-Time | architect
Intern Architect | architect
CAD Drafter | drafter
AutoCAD Drafter II | drafter
Revit Technician | drafter
Mechanical Drafter | drafter
Land Surveyor | land-surveyor
Survey Technician - Field | land-surveyor
Survey Crew Chief | land-surveyor
Rodman | land-surveyor
Casino Dealer | casino-dealer
Blackjack Dealer - Part-Time | casino-dealer
Table Games Dealer | casino-dealer
Dual Rate Floor Supervisor | casino-dealer
Bellhop | bellhop-porter
Bellman - Part Time | bellhop-porter
Door Attendant - Overnight | bellhop-porter
Bell Captain | bellhop-porter
Tailor | tailor-seamstress
Seamstress | tailor-seamstress
Alterations Specialist - Part Time | tailor-seamstress
Sewing Machine Operator | tailor-seamstress
Printing Press Operator | printing-press-operator
Offset Press Operator II | printing-press-operator
Digital Press Operator - 2nd Shift | printing-press-operator
Bindery Operator | printing-press-operator
Actuary | actuary
Actuarial Analyst II | actuary
Sr. Pricing Actuary | actuary
Registered Dietitian | dietitian
Clinical Dietitian - PRN | dietitian
Nutritionist | dietitian
Dietetic Technician | dietitian
Optometrist | optometrist
Associate Optometrist - Part-Time | optometrist
Doctor of Optometry | optometrist
Industrial Engineer | industrial-engineer
Manufacturing Engineer | industrial-engineer
Continuous Improvement Engineer - 2nd Shift | industrial-engineer
Lean Engineer | industrial-engineer
Water Treatment Operator | water-treatment-operator
Wastewater Treatment Operator II | water-treatment-operator
WWTP Operator | water-treatment-operator
Operator in Training | water-treatment-operator
Wind Turbine Technician | wind-turbine-technician
Wind Tech II | wind-turbine-technician
Wind Technician - Traveling | wind-turbine-technician
Wind Site Lead | wind-turbine-technician
Millwright | millwright
Industrial Millwright - Night Shift | millwright
Millwright Apprentice | millwright
Journeyman Millwright | millwright
Insulation Installer | insulation-installer
Insulator | insulation-installer
Mechanical Insulator | insulation-installer
Spray Foam Installer | insulation-installer
Car Wash Attendant | car-wash-detailer
Auto Detailer | car-wash-detailer
Car Detailer - Part Time | car-wash-detailer
Lot Attendant | car-wash-detailer
Arborist | arborist
Tree Trimmer | arborist
Tree Climber - Full Time | arborist
Certified Arborist | arborist
Mover | mover
Moving Helper | mover
Furniture Mover - Part Time | mover
Moving Crew Lead | mover
Elevator Mechanic | elevator-mechanic
Elevator Technician | elevator-mechanic
Elevator Apprentice | elevator-mechanic
Escalator Technician | elevator-mechanic
Medical Scribe | medical-scribe
ER Scribe - Part Time | medical-scribe
Chief Scribe | medical-scribe
Virtual Medical Scribe | medical-scribe
Community Health Worker | community-health-worker
CHW | community-health-worker
Patient Navigator | community-health-worker
Promotora | community-health-worker
Funeral Director | funeral-director
Embalmer | funeral-director
Mortician | funeral-director
Funeral Attendant - Part Time | funeral-director
Coach | sports-coach
Head Coach | sports-coach
Assistant Coach | sports-coach
Swim Coach - Part Time | sports-coach
Athletic Trainer | athletic-trainer
Certified Athletic Trainer | athletic-trainer
ATC | athletic-trainer
Head Athletic Trainer | athletic-trainer
Chemical Engineer | chemical-engineer
Process Engineer | chemical-engineer
Sr. Process Safety Engineer | chemical-engineer
Supply Chain Analyst | supply-chain-analyst
Demand Planner II | supply-chain-analyst
Materials Planner - 1st Shift | supply-chain-analyst
Inventory Analyst | supply-chain-analyst
Credit Analyst | credit-analyst
Sr. Commercial Credit Analyst | credit-analyst
Credit Risk Analyst | credit-analyst
Clinical Research Coordinator | clinical-research-coordinator
CRC II - Oncology | clinical-research-coordinator
Study Coordinator - Part-Time | clinical-research-coordinator
Clinical Research Associate | clinical-research-coordinator
Research Nurse | clinical-research-coordinator
Reporter | journalist
Pool Technician | pool-service-technician
News Reporter - Nights | journalist
Sports Reporter | journalist
Pool Technician | pool-service-technician
Multimedia Journalist | journalist
News Editor | journalist
Travel Agent | travel-agent
Sr. Travel Consultant | travel-agent
Corporate Travel Advisor | travel-agent
Reservations Agent - Part-Time | travel-agent
EHS Specialist | ehs-specialist
Sr. EHS Specialist | ehs-specialist
Safety Coordinator - Night Shift | ehs-specialist
Health and Safety Officer | ehs-specialist
EHS Manager | ehs-specialist
Estimator | cost-estimator
Construction Estimator II | cost-estimator
Quantity Surveyor | cost-estimator
Chief Estimator | cost-estimator
Construction Superintendent | construction-manager
Assistant Superintendent | construction-manager
Sr. Construction Project Manager | construction-manager
General Superintendent | construction-manager
Benefits Specialist | benefits-specialist
Benefits Coordinator - Part-Time | benefits-specialist
Leave of Absence Specialist | benefits-specialist
Service Advisor | auto-service-advisor
Service Writer | auto-service-advisor
Sr. Service Advisor | auto-service-advisor
Parts Counterperson | auto-parts-specialist
Parts Specialist II | auto-parts-specialist
Parts Manager | auto-parts-specialist
Car Salesperson | car-sales-consultant
Auto Sales Consultant | car-sales-consultant
Automotive Sales Associate | car-sales-consultant
Gate Agent | airport-customer-service-agent
Ticket Agent - Seasonal | airport-customer-service-agent
Passenger Service Agent - Part-Time | airport-customer-service-agent
Ramp Agent | ramp-agent
Baggage Handler | ramp-agent
Cargo Agent | ramp-agent
Sanitation Worker | sanitation-worker
Garbage Collector | sanitation-worker
Sanitation Driver - CDL B | sanitation-worker
Freight Broker | freight-broker
Carrier Sales Rep - Entry Level | freight-broker
Logistics Account Executive | freight-broker
Pool Technician | pool-service-technician
Pool Cleaner | pool-service-technician
Spa Technician | pool-service-technician
Environmental Specialist | environmental-specialist
Environmental Compliance Specialist | environmental-specialist
Environmental Field Technician | environmental-specialist
Environmental Engineer | environmental-engineer
Sr. Environmental Engineer | environmental-engineer
Air Quality Engineer | environmental-engineer
"""


def _routes() -> list[tuple[str, str]]:
    out = []
    for line in ROUTES.strip().splitlines():
        title, family = (p.strip() for p in line.split("|"))
        out.append((title, family))
    return out


@cache
def _corpus() -> Corpus:
    return load_corpus()


def test_the_list_is_long_and_names_real_families() -> None:
    routes = _routes()
    assert len(routes) >= 150
    missing = {fam for _, fam in routes} - set(_corpus().families)
    assert not missing, missing


@pytest.mark.parametrize(("title", "family"), _routes())
def test_title_routes_to_its_family(title: str, family: str) -> None:
    """Each title, as posted, finds its own family by name, not as a nearest guess."""
    match = match_family(title, _corpus())
    assert match.family.name == family, f"{title!r} -> {match.family.name} ({match.how})"
    assert match.how != "nearest", f"{title!r} matched only as the nearest family"


def test_a_look_alike_word_is_not_a_misspelling() -> None:
    """ "Firefighter" is not a misspelt "Freight Associate"; "Registerd" is "Registered"."""
    assert match_family("Firefighter", _corpus()).family.name != "stocker"
    assert match_family("Registerd Nurse", _corpus()).family.name == "registered-nursing"


@pytest.mark.parametrize(
    "title, family",
    [
        ("ICU Nurse", "registered-nursing"),
        ("Pediatric Intensive Care Nurse", "registered-nursing"),
        ("Dialysis Nurse", "registered-nursing"),
        ("Mathematics Teacher", "teaching"),
        ("Java Developer", "software-engineering"),
        ("Front End Developer", "software-engineering"),
        (".NET Developer", "software-engineering"),
        ("Pharmaceutical Sales Representative", "sales"),
        ("Territory Sales Manager", "sales"),
        ("Medical Office Assistant", "office-administration"),
        ("Medical Scientist", "research-scientist"),
    ],
)
def test_a_specialty_word_does_not_hide_the_job(title, family):
    """Words of specialty, subject, technology or market ("ICU", "Mathematics", "Java",
    "Territory") qualify a job the corpus knows; they do not make the title unknown."""
    match = match_family(title, _corpus())
    assert match.confident and match.family.name == family, (match.family.name, match.how)


@pytest.mark.parametrize(
    "title",
    ["Radiation Therapist", "Development Assistant", "Medical Assistant", "Chemistry Teacher"],
)
def test_a_job_named_by_its_specialty_is_not_generalised_away(title):
    """The general form is tried only when the title as written matches nothing: a
    'Medical Assistant' stays a medical assistant, a 'Radiation Therapist' is not a
    counselling therapist."""
    match = match_family(title, _corpus())
    assert (title, match.family.name if match.confident else None) in {
        ("Radiation Therapist", None),
        ("Development Assistant", "fundraising"),  # a nonprofit's development is fundraising
        ("Medical Assistant", "medical-assistant"),
        ("Chemistry Teacher", "teaching"),
    }


@pytest.mark.parametrize(
    "title, family",
    [
        ("Human Resources Manager", "hr-people-partner"),
        ("Director of Housekeeping", "housekeeping"),
        ("Desktop Support Manager", "it-support"),
        ("Public Relations Manager", "communications"),
        ("Quality Control Manager", "quality-inspector"),
    ],
)
def test_a_title_that_runs_the_team_drafts_from_the_family_at_its_lead_level(title, family):
    """A manager or director of a job whose family has no manager title of its own is
    that family's lead level, and stderr says which family and why."""
    from jdtailor.context import parse_context
    from jdtailor.retrieval import retrieve

    match = match_family(title, _corpus())
    assert match.confident and match.family.name == family and match.runs_team
    found = retrieve(parse_context(f"---\nrole: {title}\ncompany: Example Co\n---\n"), _corpus())
    assert found.level == "lead"
    assert any(family in n and "lead level" in n for n in found.notes)


def test_an_assistant_director_is_not_an_assistant():
    match = match_family("Assistant Director of Nursing", _corpus())
    assert not (match.confident and match.family.name == "nursing-assistant")


def test_a_field_is_not_a_thing_of_the_same_stem():
    """'Accounting' is the accountant's field, 'Development' fundraising's: an
    'Account Representative' is no accountant and an 'Associate Developer' no
    fundraiser, however the words stem."""
    for title in ("Account Representative", "Account Supervisor", "Associate Developer"):
        match = match_family(title, _corpus())
        assert not (match.confident and match.family.name in ("accounting", "fundraising"))
    assert match_family("Front End Developer", _corpus()).family.name == "software-engineering"
    assert match_family("Front-End Cashier", _corpus()).family.name == "cashier"


@pytest.mark.parametrize(
    ("title", "family"),
    [
        ("Enterprise Architect", "software-engineering"),
        ("Salesforce Architect", "software-engineering"),
        ("Cloud Architect", "devops-sre"),
        ("Data Architect", "data-engineering"),
        ("Security Architect", "cybersecurity"),
        ("Project Architect", "architect"),
        ("Chemical Plant Operator", "production-worker"),
        ("Chemical Technician", "chemist"),
    ],
)
def test_an_it_architect_is_no_building_architect_and_an_operator_no_engineer(
    corpus, title, family
):
    assert match_family(title, corpus).family.name == family


@pytest.mark.parametrize(
    ("role", "family", "level"),
    [
        ("Funeral Director", "funeral-director", "mid"),  # "Director" is the job's name
        ("Senior Funeral Director", "funeral-director", "senior"),
        ("Clinical Research Coordinator", "clinical-research-coordinator", "mid"),
        ("Lead Clinical Research Coordinator", "clinical-research-coordinator", "lead"),
        ("Head Coach", "sports-coach", "lead"),
        ("Director of Nursing", "registered-nursing", "lead"),
        ("Director of Housekeeping", "housekeeping", "lead"),
    ],
)
def test_a_level_word_in_the_jobs_own_name_is_no_level(corpus, role, family, level):
    from jdtailor.context import parse_context
    from jdtailor.retrieval import retrieve

    got = retrieve(parse_context(f"---\nrole: {role}\ncompany: X\n---\n"), corpus)
    assert (got.match.family.name, got.level) == (family, level)


@pytest.mark.parametrize(
    ("title", "family"),
    [
        ("Health Coach", "fitness-trainer"),
        ("Wellness Coach", "fitness-trainer"),
        ("Instructional Coach", "teaching"),
        ("Literacy Coach", "teaching"),
        ("Basketball Coach", "sports-coach"),
    ],
)
def test_a_coach_of_health_or_teaching_is_no_sports_coach(corpus, title, family):
    assert match_family(title, corpus).family.name == family


@pytest.mark.parametrize(
    ("role", "level"),
    [
        ("Payroll Manager", "lead"),
        ("Nurse Manager", "lead"),
        ("Warehouse Supervisor", "lead"),
        ("Kitchen Manager", "lead"),
        ("Case Manager", "mid"),  # a job of its own, heading no team
        ("Account Manager", "mid"),  # the family's own title
        ("Assistant Store Manager", "entry"),
    ],
)
def test_an_alias_that_runs_a_team_is_the_familys_lead_level(corpus, role, level):
    from jdtailor.context import parse_context
    from jdtailor.retrieval import retrieve

    got = retrieve(parse_context(f"---\nrole: {role}\ncompany: X\n---\n"), corpus)
    assert got.level == level


@pytest.mark.parametrize(
    "title",
    [
        "Life Coach",  # no sports coach, and not a "Coach Operator" (a bus driver)
        "Data Reporter",  # not a "Reporting Analyst"
        "Casino Host",  # not a restaurant's host
        "Floor Manager",  # runs a shop or casino floor; lays no flooring
        "Engineering Aide",  # no software engineer
        "Engineer",  # "Staff Engineer" without its rank names no one job
        "Engineer, Supplier Quality - Suspension",
        "Lead Engineer - Repair Development",
        "Auditor",  # the hotel's "Night Auditor" keeps its "Night"
        "Welding Engineer",  # designs the welds; not a welder
        "Physician Aide",
        "Lead Procedural Scheduler - OR",  # "OR" alone is no surgical technologist
        "Commissioning Lead – Electrical",
        "IT Business Systems Analyst - ERP",  # "ERP" alone is no software engineer
        "Sr Commercial Banker",  # a lender, not a teller
        "Biomedical Engineer",
        "Commercial Real Estate/Leasing Associate",  # one name, a lawyer's; no leasing agent
        "Operations Assistant (Hybrid)",  # no operations consultant
        "Medical Associate",  # no medical assistant
    ],
)
def test_a_title_that_names_another_job_finds_no_family(title):
    """A word shared with a family's title is not enough when the job's own head word
    names other work, the shared word means something else in this trade, or the
    shared part is only a specialty or a schedule: no family beats another job's
    duties under this title."""
    match = match_family(title, _corpus())
    assert not match.confident, (title, match.family.name, match.matched)


@pytest.mark.parametrize(
    ("title", "family"),
    [
        ("Retail Sales Representative", "retail-sales-associate"),
        ("Customer Care Associate", "customer-support"),
        ("Desktop Support Specialist", "it-support"),
    ],
)
def test_another_word_for_the_same_office_worker_still_fits(title, family):
    """Job boards name one job "Associate", "Representative" or "Specialist" by turns;
    a title that differs from a family's only in that word keeps the family."""
    match = match_family(title, _corpus())
    assert match.confident and match.family.name == family, (match.family.name, match.how)
