"""Word lists behind ``jdtailor corpus check``'s writing rules.

Kept apart from the rules so a list can grow without touching the logic. The
gender-coded personality words are our own selection (work words sharing a coded
stem come from ``jdtailor.lint.words``), informed by Gaucher, Friesen & Kay
(2011) (see FACTS.md); matching is whole-word and case-insensitive, unlike the
prefix matching of the original tool.
"""

from __future__ import annotations

__all__ = [
    "ACTION_VERBS",
    "BRAND_NAMES",
    "CLICHES",
    "COMPANY_SUFFIXES",
    "FILLER",
    "GENDER_CODED",
    "KNOWN_PROPER",
    "NOT_VERBS",
]

# Imperative verbs a duty may open with. A duty whose first word is neither here
# nor in NOT_VERBS gets a warning, not an error: the list cannot know every verb.
ACTION_VERBS = frozenset(
    """
    wear climb sand seal practice lubricate finish disconnect deal trim transport straighten
    splice sharpen sew scout reinstall refinish recheck rebalance patrol oil photograph press
    pin shuffle torque level alter hem insulate embalm dress blow drag buck backwash borescope
    drape tear tarp snap bend transmit prescribe round admit suture splint chart triage
    aerate approach backfill backflush bag bake brew calm cash caulk change cook cool couple
    deburr delime demolish deter dial dig divide drain dust edge empty fabricate face feed fit
    flatten fold fuel grease grind hang haul heat judge laminate listen lock mix mount mow pace
    plant plow pour prep print prove rake rearrange rebook recognize recover refer regrade remake
    reroute respect rewrite ride rig rotate scan scrape scrub seat shampoo sign split spray stain
    steam strip style swap sweep switch talk tape taste thank treat unbox vacuum wash weld wipe wrap
    accept account achieve acquire act adapt add address adjust administer adopt advance
    advise advocate agree align allocate analyse analyze animate annotate answer anticipate
    apply appraise approve arrange art-direct articulate ask assemble assess assign assist
    attend audit author automate balance benchmark bill book brainstorm break brief bring
    budget build calculate calibrate call campaign capture carry catalog catalogue chair
    champion chart check choose clarify classify clean clear close coach code collaborate
    collect combine commission communicate compare compile complete compose compute conduct
    configure confirm connect consolidate construct consult contact contribute control
    convert coordinate correct cost count counsel cover craft create critique cultivate
    curate cut debug decide decommission define delegate deliver demo demonstrate deploy
    design detect determine develop devise diagnose direct discover dispatch distribute
    document draft drive edit educate eliminate emit enable encourage enforce engage engineer
    enhance enroll enrol ensure escalate enter establish estimate evaluate examine execute expand
    expedite explain explore extend extract facilitate field file fill finalize finalise
    find fix flag follow forecast formulate foster frame gather generate give govern grade
    greet grow guide handle hand harden help hire hit hold host identify illustrate implement
    improve inform initiate inspect install instrument integrate interpret interview
    introduce inventory investigate invite issue join keep label launch lay lead learn
    liaise lift load locate log maintain make manage map mark market mask match measure
    mediate meet mentor merge migrate mitigate model moderate modernize modernise monitor
    motivate move negotiate notify nurture observe obtain offer onboard open operate
    optimize optimise orchestrate order organise organize orient outline oversee own pack
    package pair partner pass patch pay perform pick pilot pitch place plan post precept
    predict prepare present prevent price prioritise prioritize probe process procure
    produce profile program programme promote proofread propose prospect protect prototype
    provide provision prune publish pull purchase push put qualify quantify query quote
    raise rank rate read rebuild receive recommend reconcile record recruit redesign reduce
    refactor refine register relay release remediate remove render renew reorganize repair
    replace replenish report represent reproduce request research reset resolve respond
    restock restore restructure retire retouch return review revise rework ring roll route
    run safeguard sample save scale schedule scope score screen script secure segment select
    sell send sequence serve service set settle shadow shape share ship shorten shortlist
    simplify sit size sketch solve sort source speak specify sponsor spot stabilize
    stabilise staff stage standardise standardize start steer stock stop store streamline
    strengthen structure study submit suggest summarize summarise supervise supply support
    survey sustain synthesise synthesize tag tailor take target teach tell terminate test
    tidy tie time trace track train transcribe transfer transform translate triage
    troubleshoot tune turn uncover underwrite unload unpack update upgrade uphold upsell
    use validate verify visit vet walk watch weigh welcome widen win wire work write
    """.split()
)

# Openers that are certainly not an imperative: a duty starting with one is an error.
NOT_VERBS = frozenset(
    """
    a an the our your their this that these those we you they i he she it its
    responsible responsibilities responsibility ability able strong excellent great good
    proven experience experienced knowledge familiarity understanding must should will
    would can could may might ideally candidate candidates duties duty role position
    working managing building leading owning running handling supporting helping
    responsible-for in on at for with by from as of to and or if when while
    """.split()
)

# Filler and clichés a corpus item may not use. ``corpus check`` also applies lint's
# lists (``lint.words.filler``, ``lint.inclusion.cliches``); these are only the phrases
# lint lets pass in a posting but the corpus writing standard does not.
FILLER = (
    "communication skills",
    "hardworking",
    "motivated individual",
)

CLICHES = (
    "wears many hats",
    "synergies",
    "game-changer",
    "game changing",
    "work hard, play hard",
    "move the needle",
    "low-hanging fruit",
    "circle back",
    "dynamic environment",
    "crush it",
    "crushing it",
    "hardcore",
)

# Personality words with a clear gender coding: describe the work instead (error).
GENDER_CODED = frozenset(
    """
    competitive dominant dominating driven decisive aggressive ambitious assertive fearless
    headstrong outspoken forceful self-reliant self-confident stubborn ninja rockstar
    supportive nurturing collaborative interpersonal committed loyal compassionate
    empathetic gentle warm cheerful affectionate sympathetic tender
    """.split()
)

# Legal-entity words that mark a company name (error; matched with their case).
COMPANY_SUFFIXES = frozenset("Inc Inc. LLC Ltd Ltd. GmbH Corp Corp. Co. S.A. Pty".split())

# Company and product brands we keep out of the corpus (error). "A CRM", not a brand.
BRAND_NAMES = frozenset(
    """
    salesforce hubspot zendesk intercom workday oracle netsuite quickbooks xero google
    amazon microsoft apple meta facebook linkedin slack jira confluence asana trello
    notion figma canva tableau looker snowflake databricks shopify stripe zoom gong
    outreach marketo mailchimp servicenow
    """.split()
)

# Capitalised words that are not company names: tools, standards, languages.
KNOWN_PROPER = frozenset(
    """
    python excel english spanish french kubernetes scrum linux national electrical code
    wi-fi lean six sigma java javascript typescript gantt devops windows powershell bash
    saas green belt kanban master boolean go rust sql postgresql docker terraform git
    markdown agile waterfall
    """.split()
)
