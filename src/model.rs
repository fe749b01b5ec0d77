//! The output document: entities, events and their values, serialised exactly as SPEC.md says.

use serde::Serialize;

use crate::calendar::Date;
use crate::decimal::Decimal;
use crate::span::Span;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A person: 吴宇怀, 吉米·巴, Mark Chen.
    Person,
    /// An organisation: OpenAI, 谷歌, 上海交大.
    Org,
    /// A product or model: ChatGPT, GPT-4o, H800.
    Product,
    /// A job title or post: CEO, 首席科学家.
    Title,
    /// A place: 中国, 硅谷, 杭州建德.
    Location,
    /// An amount of money: 1亿美元.
    Money,
    /// A date: 2023年11月, 去年12月.
    Date,
    /// A percentage: 19%, 百分之十六.
    Percent,
    /// A duration: 四年, 12年.
    Duration,
    /// A counted quantity: 22万次, 3名.
    Quantity,
}

impl EntityKind {
    /// All kinds, in SPEC order.
    pub const ALL: [EntityKind; 10] = [
        EntityKind::Person,
        EntityKind::Org,
        EntityKind::Product,
        EntityKind::Title,
        EntityKind::Location,
        EntityKind::Money,
        EntityKind::Date,
        EntityKind::Percent,
        EntityKind::Duration,
        EntityKind::Quantity,
    ];

    /// The kind's name as it appears in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Org => "org",
            EntityKind::Product => "product",
            EntityKind::Title => "title",
            EntityKind::Location => "location",
            EntityKind::Money => "money",
            EntityKind::Date => "date",
            EntityKind::Percent => "percent",
            EntityKind::Duration => "duration",
            EntityKind::Quantity => "quantity",
        }
    }

    /// Parses a kind name as it appears in JSON.
    pub fn parse(s: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Kinds whose entities have a canonical name (person, org, product).
    pub fn is_named(&self) -> bool {
        matches!(self, EntityKind::Person | EntityKind::Org | EntityKind::Product)
    }
}

/// How sure the text is about an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    /// 超过, 逾, 多, 至少, 数十亿 (the stated figure is a lower bound).
    Over,
    /// 约, 近, 左右, 大约.
    About,
    /// 高达, 最多, 不超过 (the stated figure is an upper bound).
    UpTo,
}

/// Granularity of a date value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// A century (`19XX`).
    Century,
    /// A decade (`199X`).
    Decade,
    /// A year (`2015`).
    Year,
    /// A half year (`2024-H2`).
    Half,
    /// A quarter (`2024-Q3`).
    Quarter,
    /// A season (`2025-SU`).
    Season,
    /// A month (`2023-11`).
    Month,
    /// An ISO week (`2024-W41`).
    Week,
    /// A day (`2023-11-28`).
    Day,
    /// Part of a day (`2011-10-19TAF`).
    PartOfDay,
    /// An hour (`2022-11-03T20`).
    Hour,
}

/// Value of a money entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Money {
    /// Exact amount in units of `currency`.
    pub amount: Decimal,
    /// ISO 4217 code.
    pub currency: String,
    /// Qualifier the text gives, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approx: Option<Approx>,
}

/// Value of a date entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateValue {
    /// TIMEX3 value (`2023-11`, `2025-SU`), or `None` when relative and unresolved.
    pub timex: Option<String>,
    /// How fine the date is.
    pub granularity: Granularity,
    /// For relative dates: how it relates to the reference date (`last_year`, `days_ago:3`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative: Option<String>,
}

/// Value of a percent entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Percent {
    /// The percentage (`16` for 16%).
    pub value: Decimal,
    /// Qualifier the text gives, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approx: Option<Approx>,
}

/// Value of a duration entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duration {
    /// ISO 8601 / TIMEX3 duration (`P4Y`, `P6M`).
    pub timex: String,
    /// Qualifier the text gives, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approx: Option<Approx>,
}

/// Value of a quantity entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The number counted.
    pub amount: Decimal,
    /// The measure word (`次`, `名`), or `None` for a bare number.
    pub unit: Option<String>,
    /// Qualifier the text gives, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approx: Option<Approx>,
}

/// The normalised value of a money, date, percent, duration or quantity entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// Money.
    Money(Money),
    /// Date.
    Date(DateValue),
    /// Percent.
    Percent(Percent),
    /// Duration.
    Duration(Duration),
    /// Quantity.
    Quantity(Quantity),
}

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// `e1`, `e2`, … in order of `start`.
    pub id: String,
    /// What it is.
    pub kind: EntityKind,
    /// Exactly the spanned slice of the input.
    pub text: String,
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
    /// The normalised value (money, date, percent, duration, quantity).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// One name shared by all mentions of the same thing (person, org, product).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// Other names of the same thing seen in this document.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// What kind of thing happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum EventKind {
    Hire,
    Departure,
    Dismissal,
    Appointment,
    Founding,
    Funding,
    Acquisition,
    Compensation,
    Cost,
    Release,
    Education,
    Financials,
    Merger,
    Ipo,
    Layoff,
}

impl EventKind {
    /// All event kinds, in SPEC order.
    pub const ALL: [EventKind; 15] = [
        EventKind::Hire,
        EventKind::Departure,
        EventKind::Dismissal,
        EventKind::Appointment,
        EventKind::Founding,
        EventKind::Funding,
        EventKind::Acquisition,
        EventKind::Compensation,
        EventKind::Cost,
        EventKind::Release,
        EventKind::Education,
        EventKind::Financials,
        EventKind::Merger,
        EventKind::Ipo,
        EventKind::Layoff,
    ];

    /// The kind's name as it appears in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            EventKind::Hire => "hire",
            EventKind::Departure => "departure",
            EventKind::Dismissal => "dismissal",
            EventKind::Appointment => "appointment",
            EventKind::Founding => "founding",
            EventKind::Funding => "funding",
            EventKind::Acquisition => "acquisition",
            EventKind::Compensation => "compensation",
            EventKind::Cost => "cost",
            EventKind::Release => "release",
            EventKind::Education => "education",
            EventKind::Financials => "financials",
            EventKind::Merger => "merger",
            EventKind::Ipo => "ipo",
            EventKind::Layoff => "layoff",
        }
    }

    /// Parses a kind name as it appears in JSON.
    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The part an argument plays in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Role {
    Person,
    Employer,
    FormerEmployer,
    Title,
    Compensation,
    Date,
    Org,
    Agent,
    Founder,
    Amount,
    Investor,
    Round,
    Acquirer,
    Target,
    Payer,
    Duration,
    Product,
    School,
    Degree,
    Metric,
    Exchange,
    Quantity,
}

impl Role {
    /// All roles.
    pub const ALL: [Role; 22] = [
        Role::Person,
        Role::Employer,
        Role::FormerEmployer,
        Role::Title,
        Role::Compensation,
        Role::Date,
        Role::Org,
        Role::Agent,
        Role::Founder,
        Role::Amount,
        Role::Investor,
        Role::Round,
        Role::Acquirer,
        Role::Target,
        Role::Payer,
        Role::Duration,
        Role::Product,
        Role::School,
        Role::Degree,
        Role::Metric,
        Role::Exchange,
        Role::Quantity,
    ];

    /// The role's name as it appears in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Person => "person",
            Role::Employer => "employer",
            Role::FormerEmployer => "former_employer",
            Role::Title => "title",
            Role::Compensation => "compensation",
            Role::Date => "date",
            Role::Org => "org",
            Role::Agent => "agent",
            Role::Founder => "founder",
            Role::Amount => "amount",
            Role::Investor => "investor",
            Role::Round => "round",
            Role::Acquirer => "acquirer",
            Role::Target => "target",
            Role::Payer => "payer",
            Role::Duration => "duration",
            Role::Product => "product",
            Role::School => "school",
            Role::Degree => "degree",
            Role::Metric => "metric",
            Role::Exchange => "exchange",
            Role::Quantity => "quantity",
        }
    }

    /// Parses a role name as it appears in JSON.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Roles whose argument is a span of text rather than an entity.
    pub fn is_text_role(&self) -> bool {
        matches!(self, Role::Round | Role::Metric | Role::Degree)
    }
}

/// Status of a release event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseStatus {
    /// It came out.
    Released,
    /// It was postponed (推迟).
    Delayed,
    /// It is announced for later (即将, 预计…推出).
    Planned,
}

/// A piece of text with its span (an event trigger or a text-valued argument).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Exactly the spanned slice of the input.
    pub text: String,
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
}

/// One argument of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Arg {
    /// The part it plays.
    pub role: Role,
    /// The entity id (`e12`), for every role but `round`, `metric` and `degree`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// The argument's text (the entity's text for entity arguments).
    pub text: String,
    /// The span, for text-valued roles (`round`, `metric`, `degree`).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// One thing that happened, found in one sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// What happened.
    pub kind: EventKind,
    /// The word that says so.
    pub trigger: Mention,
    /// The sentence it was found in.
    pub sentence: Span,
    /// Who and what took part.
    pub args: Vec<Arg>,
    /// For releases: released, delayed or planned; `None` otherwise.
    pub status: Option<ReleaseStatus>,
}

/// Where the reference date used for relative dates came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// Given by the caller.
    Given,
    /// Read from the article's own dateline (2025年7月20日讯).
    Dateline,
}

/// The reference date relative dates were resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReferenceDate {
    /// The date.
    pub date: Date,
    /// Where it came from.
    pub source: DateSource,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Document {
    /// Entities sorted by `start`.
    pub entities: Vec<Entity>,
    /// Events sorted by trigger `start`.
    pub events: Vec<Event>,
    /// The reference date used, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_date: Option<ReferenceDate>,
}

impl Document {
    /// The document as compact JSON (SPEC.md's format). Same input, same bytes.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a Document always serialises")
    }

    /// The document as indented JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a Document always serialises")
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        let n: usize = id.strip_prefix('e')?.parse().ok()?;
        self.entities.get(n.checked_sub(1)?).filter(|e| e.id == id)
    }

    /// Entities of one kind.
    pub fn entities_of(&self, kind: EntityKind) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == kind)
    }
}
