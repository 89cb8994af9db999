"""What the demo agencies learned, in their own words: one reflection per service, touchpoint and
quarter (oldest quarter first), as the author of a quarterly report would write it. Fictional
findings about real kinds of services; no person's data."""

# (service, touchpoint) -> reflections for three consecutive quarters, oldest first.
REFLECTIONS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("Apply for retirement benefits", "Online application"): (
        "Online applicants rated ease highly but often stopped at the earnings-history step. "
        "We are rewriting that page so people know they only need to check, not re-enter, "
        "their earnings.",
        "Fewer online applicants abandoned the earnings step after the rewrite. Several asked "
        "when their first payment would arrive; we are adding the expected month to the "
        "confirmation page.",
        "The payment month on the confirmation page drew positive comments. People applying "
        "for a spouse at the same time asked to do both in one session, which we are scoping.",
    ),
    ("Apply for retirement benefits", "Phone line"): (
        "Callers described being transferred two or three times before reaching someone who "
        "could take a retirement claim. We are mapping which questions get transferred and why.",
        "Retirement calls now go straight to trained claims specialists. Mentions of transfers "
        "fell, but morning hold times are still the most common complaint.",
        "We moved staff to the 8-to-11 a.m. peak and offered call-backs. Phone respondents now "
        "ask mostly about appointment availability for signing documents.",
    ),
    ("Apply for retirement benefits", "Field office visit"): (
        "Visitors without appointments waited the longest and trusted us least. We are posting "
        "same-day wait estimates online so people can choose when to come in.",
        "Wait estimates went online in March. Respondents who checked them first were more "
        "positive; many did not know the page existed, so offices now mention it on hold "
        "messages.",
        "We are piloting same-week appointment slots at five offices. Early respondents there "
        "praised staff who explained what documents to bring next time.",
    ),
    ("Apply for retirement benefits", "Decision letter follow-up"): (
        "Respondents found the award letter hard to follow, especially the section on "
        "deductions. We are testing a one-page summary at the top of the letter.",
        "The summary page is in testing in two regions. Respondents there were more likely to "
        "say they understood the decision; the rest still ask why their amount changed.",
        "We added a plain explanation of Medicare premium deductions to the summary. Letters "
        "in Spanish are next, reviewed by native speakers on our staff.",
    ),
    ("Replace a Social Security card", "Online application"): (
        "Most people who replaced a card online said it took under ten minutes. The few who "
        "could not finish were stopped by identity verification; we are clarifying that step.",
        "Clearer identity-verification instructions cut the number of people who gave up. "
        "Respondents asked how long the card takes to arrive, so we now show the mailing time.",
        "Comments about not knowing when the card would arrive dropped by about half. We are "
        "looking at text alerts for when the card is mailed.",
    ),
    ("Replace a Social Security card", "Field office visit"): (
        "Many office visitors did not know they could replace a card online. We added the "
        "online option to office signs and to the main phone greeting.",
        "Card-replacement visits fell as more people used the online service. Visitors who "
        "still came in were often replacing a card for a child, which cannot be done online.",
        "We made a checklist for parents replacing a child's card so they bring the right "
        "documents the first time. Respondents who had it rarely needed a second visit.",
    ),
    ("Apply for Supplemental Security Income", "Phone line"): (
        "Callers said the list of documents they needed was confusing, and many called back "
        "several times. We are writing a one-page checklist in English and Spanish.",
        "The checklist now goes out with every appointment letter. Callers who received it "
        "called back less often and were more likely to say the process was clear.",
        "Respondents waiting for a decision most often asked for updates. We are testing status "
        "letters at 30 and 60 days after the interview.",
    ),
    ("Apply for Supplemental Security Income", "Field office visit"): (
        "Applicants often made extra trips to bring missing papers. Staff will now give a "
        "written list of anything still needed before the person leaves the office.",
        "Written lists of missing papers reduced repeat visits. Respondents praised staff who "
        "took time to explain, and asked for more private space to discuss finances.",
        "Three offices rearranged interview desks for privacy. Trust among respondents at "
        "those offices rose; we are planning the same change elsewhere.",
    ),
    ("File an individual tax return", "Online application"): (
        "Web filers were mostly positive; the most common complaint was not knowing which "
        "forms applied to them. We are adding a short guided question set before filing.",
        "The guided questions helped first-time filers most. Several respondents asked where "
        "their refund was, so the confirmation screen now links to refund status.",
        "Trust held steady through filing season. Spanish-language filers asked for more help "
        "on dependents; translators and tax specialists are reviewing those screens together.",
    ),
    ("File an individual tax return", "IRS2Go app"): (
        "App users rated ease lower than web filers, mostly because of document uploads. The "
        "app team is simplifying the upload screen and allowing photos of paper forms.",
        "After the upload redesign, app users' ease ratings matched the website. Older "
        "respondents asked for larger text, which the next release supports.",
        "Respondents liked being able to check refund status in the app. Some were logged out "
        "mid-session; we are lengthening the session while keeping the security checks.",
    ),
    ("Get help at a Taxpayer Assistance Center", "Field office visit"): (
        "Visitors without an appointment often waited or were turned away, and their trust "
        "answers were much lower. We are promoting the appointment line at every center.",
        "More visitors arrived with appointments, and respondents praised staff who explained "
        "next steps. We are sharing those staff members' explanations as guides for others.",
        "Respondents asked for evening hours during filing season. We are reviewing staffing "
        "at the ten busiest centers to add two late days a week from February to April.",
    ),
    ("Get help at a Taxpayer Assistance Center", "Phone line"): (
        "Callers trying to book an appointment waited too long on hold. We are adding a "
        "call-back option to the appointment line.",
        "Call-back started this quarter; about a third of callers chose it. Respondents who "
        "used it rated efficiency far higher than those who held.",
        "Some callers wanted to book online instead of by phone. We are testing an online "
        "booking page for five centers and will compare respondents on both channels.",
    ),
    ("Set up a payment plan", "Online application"): (
        "Respondents said the online payment plan was easy once they found it, but many called "
        "first. We are putting the online option at the top of balance-due notices.",
        "Fewer respondents called before applying online. Some were unsure whether penalties "
        "still grow during a plan; the confirmation page now explains this in plain language.",
        "The penalty explanation was the most praised change this year. People asked to change "
        "their payment date online, which we will add next quarter.",
    ),
    ("Set up a payment plan", "Phone line"): (
        "Callers setting up plans by phone wanted something in writing afterwards. We are "
        "testing a mailed summary of the agreement within five days.",
        "Mailed summaries reached most callers within a week. Respondents who had received one "
        "were more confident about the next step.",
        "Callers who owed small balances asked why they could not finish online. We are "
        "reviewing which cases truly need a phone call and moving the rest online.",
    ),
    ("Apply for disaster assistance", "Online application"): (
        "Survivors applying online after the spring storms said the application assumed a "
        "fixed address. We are adding options for people staying with family or in shelters.",
        "The new address options were used by many applicants. Respondents asked to upload "
        "photos of damage with the application, which we are testing in two disaster areas.",
        "Photo uploads shortened the time to inspection in the test areas. Survivors asked for "
        "the application on phones with weak connections; we are trimming the page sizes.",
    ),
    ("Apply for disaster assistance", "Helpline"): (
        "Helpline callers were unsure what happens after the inspection, and trust was lowest "
        "among them. We will send a status text at each step, with consent.",
        "Status texts began in two disaster areas; helpline respondents there mentioned "
        "uncertainty less often. Callers still waited long on the days after a declaration.",
        "We now bring in surge staff within 48 hours of a declaration. Hold times after the "
        "most recent declaration were about half of last year's.",
    ),
    ("Apply for disaster assistance", "Disaster Recovery Center"): (
        "Survivors who visited a recovery center trusted us more than any other group, mostly "
        "because staff sat down with them. We want that help to reach people who cannot travel.",
        "Mobile recovery centers visited rural counties this quarter. Respondents there "
        "praised the visits but asked for more notice of where and when we would be.",
        "We now post mobile center schedules a week ahead, with local partners sharing them. "
        "Visits rose and respondents mentioned hearing about us from community groups.",
    ),
    ("Apply for disaster assistance", "Decision letter follow-up"): (
        "Decision letters were described as hard to understand, especially the reasons for "
        "ineligibility. We are rewriting the most common reasons in plain language.",
        "Plain-language reasons are now in every letter, each with a clear next step. "
        "Respondents were more likely to say they knew how to appeal.",
        "Fewer respondents called to ask what their letter meant. Some still received letters "
        "after they had moved; we are adding an email copy for people who ask for one.",
    ),
    ("Apply for a disaster loan", "Online application"): (
        "Applicants said the loan application asked for information FEMA already had. We are "
        "working with FEMA to prefill what survivors agree to share.",
        "Prefilled applications started with the last two declarations. Respondents who used "
        "them finished faster and rated ease much higher.",
        "Respondents asked for a clearer list of documents for business loans. We published a "
        "checklist by loan type and link it from the first page of the application.",
    ),
    ("Apply for a disaster loan", "Decision letter follow-up"): (
        "Applicants whose files were incomplete heard nothing for weeks and lost trust. Loan "
        "officers will call within three days when a document is missing.",
        "Follow-up calls are now routine, and comments about silence after applying dropped. "
        "Respondents asked for a clearer explanation of collateral requirements.",
        "The decision letter now explains collateral with examples. Borrowers asked how to "
        "defer the first payment, which we added to the letter's next steps.",
    ),
    ("Apply for disability compensation", "Online application"): (
        "Veterans who filed online rated the experience well, but many described the wait for "
        "a decision as a black box. We are adding claim-stage updates to the website.",
        "With stage updates online, fewer respondents said they did not know where their claim "
        "stood. Some could not find how to add evidence later; we moved that button up.",
        "Veterans asked to see the exam appointment in the same place as the claim status. "
        "Both now appear on the claim page.",
    ),
    ("Apply for disability compensation", "Phone line"): (
        "Phone respondents often reached agents who could not see recent updates to their "
        "claim. Agents now see the same claim-stage view as the website.",
        "Answers on the phone now match the website, and trust among callers rose. Veterans "
        "asked to have their rating decision explained aloud, so agents have a guide for it.",
        "Callers praised agents who explained ratings patiently. We are extending phone hours "
        "into the evening for veterans in Pacific time zones.",
    ),
    ("Apply for disability compensation", "Decision letter follow-up"): (
        "Decision letters were called hard to read. A working group of veterans is helping us "
        "rewrite the rating summary.",
        "The rewritten summary went out this quarter. Respondents were more likely to say they "
        "understood their rating; some wanted the effective date more prominent.",
        "The effective date now leads the summary. Respondents asked for letters by email as "
        "well as by mail, which is available from this quarter.",
    ),
    ("Schedule a VA health care appointment", "VA Health and Benefits app"): (
        "Veterans liked seeing open slots in the app but could not cancel from the same screen. "
        "The app team is adding cancel and reschedule buttons.",
        "Cancellations through the app doubled, freeing slots for others. Respondents asked "
        "for text reminders as well as mailed ones.",
        "Text reminders are being added clinic by clinic. Missed appointments fell at the "
        "first clinics, and respondents called the reminders helpful.",
    ),
    ("Schedule a VA health care appointment", "Phone line"): (
        "Callers waited longest when clinics opened in the morning. Clinics are staggering "
        "staff start times to cover the first hour.",
        "Morning waits shortened at the clinics that changed schedules. Callers still asked "
        "why they could not book specialty care by phone; we are reviewing which can be.",
        "Two specialties can now be booked by phone without a referral call-back. Respondents "
        "booking those were much more positive about ease.",
    ),
    ("Apply for a farm loan", "Field office visit"): (
        "Producers said the application repeated information from earlier loans. County "
        "office staff will pre-fill what we already hold.",
        "Pre-filled forms shortened office visits. Respondents appreciated staff who visited "
        "the farm to help, and younger producers asked to start the application online.",
        "We are testing an online start for direct operating loans in three states. Producers "
        "who tried it asked to finish with their loan officer, which the pilot allows.",
    ),
    ("Apply for a farm loan", "Decision letter follow-up"): (
        "Several producers said the decision letter did not say when funds would be available. "
        "We are adding an expected date.",
        "Expected fund dates now appear in letters, and comments about timing improved. Some "
        "producers asked for the letter to list their loan officer's direct number.",
        "Letters now name the loan officer and give a direct line. Respondents described the "
        "follow-up as more personal.",
    ),
    ("Emergency livestock assistance", "Field office visit"): (
        "Producers told us that documenting losses after a disaster was hard. We will accept "
        "more kinds of records, such as photos and veterinarians' notes.",
        "Accepting more kinds of records was mentioned positively by many respondents. Some "
        "had to visit the county office twice; we now offer a phone appointment first.",
        "Repeat visits dropped. Respondents asked for faster payment after approval; we are "
        "reviewing each step between approval and payment with the payment office.",
    ),
    ("Enroll in Medicare", "Online application"): (
        "People enrolling online said the difference between Parts A and B was unclear. We "
        "are adding a short explanation with examples before people choose.",
        "The explanation reduced questions about Part B. Respondents approaching 65 asked for "
        "a reminder before their enrollment period starts.",
        "We are testing a reminder letter three months before enrollment opens. Respondents "
        "who received it were more likely to enroll on time and without calling.",
    ),
    ("Enroll in Medicare", "1-800-MEDICARE"): (
        "Callers praised representatives but mentioned long holds in the first week of each "
        "month. We are adding staff in that week.",
        "Hold times in the first week of the month went down. Callers who enrolled a spouse "
        "asked to do both enrollments in one call, which representatives can now do.",
        "Respondents asked for a written confirmation after a phone enrollment. It is now "
        "mailed within ten days, and callers are told when to expect it.",
    ),
    ("Apply for federal retirement", "Retirement application status"): (
        "Retirees could not tell whether their application had arrived from their agency. The "
        "status page will show the date we received it.",
        "Respondents found the received date reassuring. Many asked when their first full "
        "annuity payment would come; we are adding an estimate once a case is assigned.",
        "Estimated payment dates now appear on the status page. Respondents asked to be told "
        "by email when the status changes, which we are building next.",
    ),
    ("Apply for federal retirement", "Decision letter follow-up"): (
        "Retirees found the annuity computation letter hard to check. We are adding a "
        "worksheet that shows each step of the calculation.",
        "The worksheet went out with every final letter. Respondents asked for a contact who "
        "knew their case, so letters now name the legal administrator.",
        "Respondents valued having a named contact. Survivors of retirees asked for their own "
        "plain-language letter, which we are drafting with a survivor advisory group.",
    ),
}


def reflection(service: str, touchpoint: str, position: int, quarter: str) -> str:
    """The reflection for one survey row of a report; ``position`` counts quarters from the
    oldest one built. Services outside the demo world get a short one of their own."""
    written = REFLECTIONS.get((service, touchpoint), ())
    if position < len(written):
        return written[position]
    return (
        f"In {quarter}, respondents to {service} ({touchpoint}) most often asked what would "
        "happen next. We are reviewing the instructions they see at that step."
    )
