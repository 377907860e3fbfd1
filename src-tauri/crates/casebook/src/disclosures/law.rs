//! The law a disclosure relies on, as data: the legal powers of the
//! Arrangement's section 4, the statutory purposes of 5.4, and the
//! exceptions to the Gender Recognition Act 2004 s22. Each list says where
//! it was taken from (`SOURCE`); change the list and its source together.
//!
//! Each value has one stored form (snake case: the database, the JSON and
//! the TypeScript) and a label a person reads.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, rusqlite};
use crate::kinds::closed_list;

closed_list! {
    /// A legal power relied on to share information (R8): the list of the
    /// Arrangement's section 4.
    ///
    /// Section 4 also names the Freedom of Information Act 2000 and the
    /// Data Sharing Code of Practice. Neither is here: the first governs
    /// disclosure to the public (and exempts personal data), the second is
    /// guidance, so neither is a power to share a person's details with a
    /// partner. The Arrangement's "Children and Young Person Act 2008" is
    /// the Children and Young Persons Act 2008.
    LegalPower {
        /// Crime and Disorder Act 1998 s115: disclosure to a relevant
        /// authority where necessary or expedient for the Act's purposes.
        CdaS115 = "cda_1998_s115" / "Crime and Disorder Act 1998, section 115",
        /// Crime and Disorder Act 1998 s17A: sharing of depersonalised
        /// information between responsible authorities.
        CdaS17A = "cda_1998_s17a" / "Crime and Disorder Act 1998, section 17A",
        /// Human Rights Act 1998, Article 8: the balance of the person's
        /// right to respect for private life against the need to share.
        HraArticle8 = "hra_1998_art8" / "Human Rights Act 1998, Article 8 balance",
        /// Data Protection Act 2018 (with the UK GDPR).
        Dpa2018 = "dpa_2018" / "Data Protection Act 2018",
        /// Data Protection Act 2018, Schedule 2 Part 1 paragraph 2: crime
        /// and taxation.
        Dpa2018CrimeAndTaxation = "dpa_2018_sch2_pt1_para2"
            / "Data Protection Act 2018, Schedule 2 Part 1 paragraph 2 (crime and taxation)",
        /// Children Act 2004.
        ChildrenAct2004 = "children_act_2004" / "Children Act 2004",
        /// Children and Young Persons Act 2008.
        ChildrenAndYoungPersonsAct2008 = "children_and_young_persons_act_2008"
            / "Children and Young Persons Act 2008",
        /// Care Act 2014.
        CareAct2014 = "care_act_2014" / "Care Act 2014",
        /// The common law duty of confidence (consent, or an overriding
        /// public interest).
        CommonLawConfidence = "common_law_duty_of_confidence" / "Common law duty of confidence",
    }
}

impl LegalPower {
    /// Where the list comes from.
    pub const SOURCE: &'static str = "Safer Communities Information Sharing Arrangement \
        (Shropshire), amended copy of 26 March 2021, section 4 \"Power(s)\"";
}

closed_list! {
    /// The statutory purpose a disclosure meets (R8).
    ///
    /// 5.4 requires that sharing "meet one or more of the Partner's
    /// statutory purposes" but does not list them. This list is the
    /// purposes the Arrangement itself names (section 2 and 5.5) and the
    /// duties of the statutes section 4 relies on, each with its
    /// [`citation`](StatutoryPurpose::citation).
    StatutoryPurpose {
        /// Preventing and reducing crime and disorder, hate crime included.
        CrimeAndDisorder = "crime_and_disorder"
            / "Preventing crime and disorder (including hate crime)",
        /// Tackling anti-social behaviour.
        AntiSocialBehaviour = "anti_social_behaviour" / "Tackling anti-social behaviour",
        /// Tackling the misuse of drugs, alcohol and other substances.
        SubstanceMisuse = "substance_misuse" / "Tackling drug and alcohol misuse",
        /// Reducing reoffending.
        Reoffending = "reoffending" / "Reducing reoffending",
        /// Promoting community safety.
        CommunitySafety = "community_safety" / "Promoting community safety",
        /// Bringing or deciding on civil or criminal proceedings (including
        /// action on a tenancy).
        Proceedings = "proceedings" / "Civil or criminal proceedings",
        /// Safeguarding and promoting the welfare of children.
        SafeguardingChildren = "safeguarding_children" / "Safeguarding children",
        /// Safeguarding adults at risk of abuse or neglect.
        SafeguardingAdults = "safeguarding_adults" / "Safeguarding adults at risk",
        /// The partnership's strategic assessment and plan.
        StrategicAssessment = "strategic_assessment"
            / "Strategic assessment and partnership plan",
    }
}

impl StatutoryPurpose {
    /// Where the list comes from.
    pub const SOURCE: &'static str = "Safer Communities Information Sharing Arrangement \
        (Shropshire), amended copy of 26 March 2021, sections 2, 4, 5.4 and 5.5; Crime and \
        Disorder Act 1998 s17(1); Children Act 2004 s11; Care Act 2014 s42";

    /// Where this purpose is found.
    pub fn citation(self) -> &'static str {
        match self {
            StatutoryPurpose::CrimeAndDisorder => {
                "Crime and Disorder Act 1998 s17(1)(a); Arrangement section 2"
            }
            StatutoryPurpose::AntiSocialBehaviour => {
                "Crime and Disorder Act 1998 s17(1)(a); Arrangement sections 2 and 5.5"
            }
            StatutoryPurpose::SubstanceMisuse => {
                "Crime and Disorder Act 1998 s17(1)(b); Arrangement section 2"
            }
            StatutoryPurpose::Reoffending => "Crime and Disorder Act 1998 s17(1)(c)",
            StatutoryPurpose::CommunitySafety => "Arrangement section 2",
            StatutoryPurpose::Proceedings => "Arrangement sections 2 and 5.5",
            StatutoryPurpose::SafeguardingChildren => "Children Act 2004 s11",
            StatutoryPurpose::SafeguardingAdults => "Care Act 2014 s42",
            StatutoryPurpose::StrategicAssessment => "Arrangement section 4",
        }
    }
}

closed_list! {
    /// An exception under which a person's gender history may be disclosed
    /// (R6): the Gender Recognition Act 2004 s22(4), and articles 3 to 7 of
    /// the Gender Recognition (Disclosure of Information) (England, Wales
    /// and Northern Ireland) (No. 2) Order 2005 (SI 2005/916), made under
    /// s22(5) and so an exception by s22(4)(i). Orders made since under
    /// s22(5) are covered by [`GenderException::OtherOrder`], naming it in
    /// the note.
    GenderException {
        /// s22(4)(a): the information does not enable the person to be
        /// identified.
        NotIdentifiable = "not_identifiable" / "The person cannot be identified from it",
        /// s22(4)(b): the person has agreed to the disclosure.
        Consent = "consent" / "The person has agreed to it",
        /// s22(4)(c): the information is about the person's gender before
        /// it became the acquired gender, and the discloser does not know
        /// or believe that a full certificate has been issued.
        CertificateNotKnown = "certificate_not_known"
            / "The discloser does not know of a full certificate",
        /// s22(4)(d): in accordance with an order of a court or tribunal.
        CourtOrder = "court_order" / "A court or tribunal has ordered it",
        /// s22(4)(e): for proceedings before a court or tribunal.
        Proceedings = "proceedings" / "For court or tribunal proceedings",
        /// s22(4)(f): for preventing or investigating crime.
        Crime = "crime" / "For preventing or investigating crime",
        /// s22(4)(g): made to a Registrar General.
        RegistrarGeneral = "registrar_general" / "To a Registrar General",
        /// s22(4)(h): for the social security system or a pension scheme.
        SocialSecurityOrPension = "social_security_or_pension"
            / "For social security or a pension scheme",
        /// SI 2005/916 art. 3: to obtain legal advice.
        LegalAdvice = "legal_advice" / "To obtain legal advice",
        /// SI 2005/916 art. 4: within an organised religion, for the
        /// decisions that article lists.
        Religion = "religion" / "Within an organised religion (article 4)",
        /// SI 2005/916 art. 5: to a health professional for medical
        /// purposes, the person having consented or being unable to.
        Medical = "medical" / "To a health professional, for medical purposes",
        /// SI 2005/916 art. 6: by or for a credit reference agency.
        CreditReference = "credit_reference" / "By or for a credit reference agency",
        /// SI 2005/916 art. 7: for insolvency or bankruptcy.
        Insolvency = "insolvency" / "For insolvency or bankruptcy",
        /// s22(4)(i): under another order made under s22(5).
        OtherOrder = "other_order" / "Under another order made under section 22(5)",
        /// s22(4)(j): in accordance with another enactment.
        OtherEnactment = "other_enactment" / "Under another Act or regulations",
    }
}

impl GenderException {
    /// Where the list comes from.
    pub const SOURCE: &'static str = "Gender Recognition Act 2004 s22(4) (in force 4 April \
        2005); Gender Recognition (Disclosure of Information) (England, Wales and Northern \
        Ireland) (No. 2) Order 2005, SI 2005/916, articles 3 to 7 (in force 4 April 2005)";

    /// The provision this exception is.
    pub fn citation(self) -> &'static str {
        match self {
            GenderException::NotIdentifiable => "Gender Recognition Act 2004 s22(4)(a)",
            GenderException::Consent => "Gender Recognition Act 2004 s22(4)(b)",
            GenderException::CertificateNotKnown => "Gender Recognition Act 2004 s22(4)(c)",
            GenderException::CourtOrder => "Gender Recognition Act 2004 s22(4)(d)",
            GenderException::Proceedings => "Gender Recognition Act 2004 s22(4)(e)",
            GenderException::Crime => "Gender Recognition Act 2004 s22(4)(f)",
            GenderException::RegistrarGeneral => "Gender Recognition Act 2004 s22(4)(g)",
            GenderException::SocialSecurityOrPension => "Gender Recognition Act 2004 s22(4)(h)",
            GenderException::LegalAdvice => "SI 2005/916 article 3",
            GenderException::Religion => "SI 2005/916 article 4",
            GenderException::Medical => "SI 2005/916 article 5",
            GenderException::CreditReference => "SI 2005/916 article 6",
            GenderException::Insolvency => "SI 2005/916 article 7",
            GenderException::OtherOrder => "Gender Recognition Act 2004 s22(4)(i)",
            GenderException::OtherEnactment => "Gender Recognition Act 2004 s22(4)(j)",
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// Every list: stored form = serde form, snake case, unique; labels
    /// unique and not empty; the stored form parses back.
    #[test]
    fn the_lists_are_well_formed() {
        fn check<T>(all: &[T], as_str: fn(T) -> &'static str, label: fn(T) -> &'static str)
        where
            T: Copy + Serialize + std::fmt::Debug,
        {
            let mut stored = HashSet::new();
            let mut labels = HashSet::new();
            for v in all {
                let s = as_str(*v);
                assert_eq!(
                    serde_json::to_string(v).unwrap(),
                    format!("\"{s}\""),
                    "{v:?}"
                );
                assert!(
                    s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                    "{s} is not snake case"
                );
                assert!(stored.insert(s), "{s} twice");
                assert!(!label(*v).is_empty());
                assert!(labels.insert(label(*v)), "label {} twice", label(*v));
            }
        }
        check(LegalPower::ALL, LegalPower::as_str, LegalPower::label);
        check(
            StatutoryPurpose::ALL,
            StatutoryPurpose::as_str,
            StatutoryPurpose::label,
        );
        check(
            GenderException::ALL,
            GenderException::as_str,
            GenderException::label,
        );
        for p in LegalPower::ALL {
            assert_eq!(LegalPower::parse(p.as_str()).unwrap(), *p);
        }
    }

    /// The section 4 list as the Arrangement gives it (the powers, not the
    /// FOI Act or the Code of Practice), and the s22(4) list (a) to (j).
    #[test]
    fn the_lists_hold_what_their_sources_say() {
        let powers: Vec<&str> = LegalPower::ALL.iter().map(|p| p.label()).collect();
        for want in [
            "section 115",
            "section 17A",
            "Article 8",
            "Data Protection Act 2018",
            "Schedule 2 Part 1 paragraph 2",
            "Children Act 2004",
            "Children and Young Persons Act 2008",
            "Care Act 2014",
            "Common law duty of confidence",
        ] {
            assert!(powers.iter().any(|p| p.contains(want)), "{want} missing");
        }
        assert!(!powers.iter().any(|p| p.contains("Freedom of Information")));
        let cited: HashSet<&str> = GenderException::ALL.iter().map(|e| e.citation()).collect();
        for letter in "abcdefghij".chars() {
            let want = format!("Gender Recognition Act 2004 s22(4)({letter})");
            assert!(cited.contains(want.as_str()), "{want} missing");
        }
        for article in 3..=7 {
            let want = format!("SI 2005/916 article {article}");
            assert!(cited.contains(want.as_str()), "{want} missing");
        }
        assert_eq!(cited.len(), GenderException::ALL.len(), "a citation twice");
        for s in [
            LegalPower::SOURCE,
            StatutoryPurpose::SOURCE,
            GenderException::SOURCE,
        ] {
            assert!(s.contains("20"), "a source names its date: {s}");
        }
        for p in StatutoryPurpose::ALL {
            assert!(!p.citation().is_empty());
        }
    }
}
