"""The demo world: real agencies and services, fictional people. Used by ``govcx demo``."""

from dataclasses import dataclass, field

from govcx.accounts.roles import Role
from govcx.catalog.vocabulary import Channel as C

DEMO_PASSWORD = "govcx-demo-only"  # noqa: S105 - demo accounts exist in development only  # nosec B105


@dataclass(frozen=True)
class Org:
    slug: str
    name: str
    abbreviation: str
    kind: str
    parent: str | None = None
    hisp: bool = False
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Svc:
    org: str
    name: str
    description: str
    life_events: tuple[str, ...]
    touchpoints: tuple[tuple[str, C, str, str], ...]  # name, channel, stage, transaction point
    channels: tuple[C, ...] = field(default=())


ORGANIZATIONS = (
    Org("ssa", "Social Security Administration", "SSA", "agency", hisp=True, domains=("ssa.gov",)),
    Org("treasury", "Department of the Treasury", "USDT", "department", domains=("treasury.gov",)),
    Org("irs", "Internal Revenue Service", "IRS", "bureau", "treasury", True, ("irs.gov",)),
    Org("dhs", "Department of Homeland Security", "DHS", "department", domains=("dhs.gov",)),
    Org(
        "fema",
        "Federal Emergency Management Agency",
        "FEMA",
        "agency",
        "dhs",
        True,
        ("fema.gov", "fema.dhs.gov"),
    ),
    Org("fema-ia", "FEMA Individual Assistance", "IA", "office", "fema"),
    Org("va", "Department of Veterans Affairs", "VA", "department", domains=("va.gov",)),
    Org("vba", "Veterans Benefits Administration", "VBA", "agency", "va", True),
    Org("vha", "Veterans Health Administration", "VHA", "agency", "va", True),
    Org("usda", "Department of Agriculture", "USDA", "department", domains=("usda.gov",)),
    Org("usda-fsa", "Farm Service Agency", "FSA", "agency", "usda", True, ("fsa.usda.gov",)),
    Org(
        "hhs", "Department of Health and Human Services", "HHS", "department", domains=("hhs.gov",)
    ),
    Org(
        "cms",
        "Centers for Medicare & Medicaid Services",
        "CMS",
        "agency",
        "hhs",
        True,
        ("cms.hhs.gov",),
    ),
    Org("sba", "Small Business Administration", "SBA", "agency", hisp=True, domains=("sba.gov",)),
    Org("opm", "Office of Personnel Management", "OPM", "agency", domains=("opm.gov",)),
    Org("opm-rs", "OPM Retirement Services", "RS", "office", "opm", True),
)

_WEB = ("Online application", C.WEBSITE, "start", "post_interaction")
_PHONE = ("Phone line", C.PHONE, "middle", "post_interaction")
_OFFICE = ("Field office visit", C.IN_PERSON, "middle", "post_interaction")
_DECISION = ("Decision letter follow-up", C.EMAIL, "end", "post_service_journey")

SERVICES = (
    Svc(
        "ssa",
        "Apply for retirement benefits",
        "Claim Social Security retirement benefits.",
        ("retiring", "approaching-retirement"),
        (_WEB, _PHONE, _OFFICE, _DECISION),
    ),
    Svc(
        "ssa",
        "Replace a Social Security card",
        "Get a replacement card online or in person.",
        ("updating-your-personal-information-once",),
        (_WEB, _OFFICE),
    ),
    Svc(
        "ssa",
        "Apply for Supplemental Security Income",
        "Monthly payments for people with limited income and resources.",
        ("reducing-barriers-for-those-experiencing-poverty", "facing-a-financial-shock"),
        (_PHONE, _OFFICE),
    ),
    Svc(
        "irs",
        "File an individual tax return",
        "File and pay federal income tax.",
        ("filing-and-managing-your-taxes",),
        (_WEB, ("IRS2Go app", C.MOBILE_APP, "start", "post_interaction")),
    ),
    Svc(
        "irs",
        "Get help at a Taxpayer Assistance Center",
        "In-person help with tax questions.",
        ("filing-and-managing-your-taxes",),
        (_OFFICE, _PHONE),
    ),
    Svc(
        "irs",
        "Set up a payment plan",
        "Pay a tax balance over time.",
        ("filing-and-managing-your-taxes", "facing-a-financial-shock"),
        (_WEB, _PHONE),
    ),
    Svc(
        "fema-ia",
        "Apply for disaster assistance",
        "Help for individuals and households after a declared disaster.",
        ("surviving-a-disaster", "recovering-from-a-disaster"),
        (
            _WEB,
            ("Helpline", C.PHONE, "start", "post_interaction"),
            ("Disaster Recovery Center", C.IN_PERSON, "middle", "post_interaction"),
            _DECISION,
        ),
    ),
    Svc(
        "sba",
        "Apply for a disaster loan",
        "Low-interest loans to repair or replace property.",
        ("recovering-from-a-disaster", "financing-your-business"),
        (_WEB, _DECISION),
    ),
    Svc(
        "vba",
        "Apply for disability compensation",
        "Tax-free monthly payments for service-connected conditions.",
        ("managing-va-health-care-and-benefits", "navigating-the-transition-to-civilian-life"),
        (_WEB, _PHONE, _DECISION),
    ),
    Svc(
        "vha",
        "Schedule a VA health care appointment",
        "Book, change or cancel appointments.",
        ("managing-va-health-care-and-benefits", "managing-your-health"),
        (("VA Health and Benefits app", C.MOBILE_APP, "start", "post_interaction"), _PHONE),
    ),
    Svc(
        "usda-fsa",
        "Apply for a farm loan",
        "Direct and guaranteed loans for farmers.",
        ("financing-your-business",),
        (_OFFICE, _DECISION),
    ),
    Svc(
        "usda-fsa",
        "Emergency livestock assistance",
        "Help after losses from disasters.",
        ("surviving-a-disaster", "recovering-from-a-disaster"),
        (_OFFICE,),
    ),
    Svc(
        "cms",
        "Enroll in Medicare",
        "Sign up for Medicare Parts A and B.",
        ("approaching-retirement", "managing-your-health"),
        (_WEB, ("1-800-MEDICARE", C.PHONE, "middle", "post_interaction")),
    ),
    Svc(
        "opm-rs",
        "Apply for federal retirement",
        "Retirement for federal employees.",
        ("retiring", "approaching-retirement"),
        (("Retirement application status", C.WEBSITE, "middle", "post_interaction"), _DECISION),
    ),
)

# (email, full name, organization slug or None for platform admin, role)
PEOPLE: tuple[tuple[str, str, str | None, Role | None], ...] = (
    ("admin@example.com", "Pat Platform", None, None),
    ("ssa-admin@example.com", "Alex Admin", "ssa", Role.ORG_ADMIN),
    ("ssa-surveys@example.com", "Sam Surveys", "ssa", Role.SURVEY_MANAGER),
    ("ssa-analyst@example.com", "Ana Analyst", "ssa", Role.ANALYST),
    ("ssa-viewer@example.com", "Vic Viewer", "ssa", Role.VIEWER),
    ("dhs-admin@example.com", "Dana DHS", "dhs", Role.ORG_ADMIN),
    ("fema-analyst@example.com", "Frank FEMA", "fema", Role.ANALYST),
    ("irs-admin@example.com", "Iris IRS", "irs", Role.ORG_ADMIN),
)
