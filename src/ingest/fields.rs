//! The canonical tables and fields, and the header names agencies use for them (data; the
//! automatic mapping that uses them is in `mapping`).

use serde::{Deserialize, Serialize};

/// The kinds of extract the workbench reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Table {
    Incidents,
    Calls,
    Notifications,
    Services,
    Sanctions,
}

impl Table {
    pub const ALL: [Table; 5] =
        [Table::Incidents, Table::Calls, Table::Notifications, Table::Services, Table::Sanctions];

    pub fn name(self) -> &'static str {
        match self {
            Table::Incidents => "incidents",
            Table::Calls => "calls",
            Table::Notifications => "notifications",
            Table::Services => "services",
            Table::Sanctions => "sanctions",
        }
    }

    /// The fields a table can have, in display order.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            Table::Incidents => &[
                RecordId,
                Date,
                Time,
                Person,
                Victim,
                Address,
                Area,
                Kind,
                Domestic,
                Relationship,
                Arrest,
                Charged,
                Felony,
                Weapon,
                Strangulation,
                Injury,
                PoViolation,
            ],
            Table::Calls => &[RecordId, Date, Time, Address, Area, Kind, Domestic],
            Table::Notifications => &[Person, Date, Level, Kind, Role],
            Table::Services => &[Person, Role, RelatedOffender, Kind, Date],
            Table::Sanctions => &[Person, Kind, Date, CaseId],
        }
    }

    /// Fields without which the table cannot be used.
    pub fn required(self) -> &'static [Field] {
        match self {
            Table::Incidents | Table::Calls => &[Field::Date],
            Table::Notifications | Table::Services | Table::Sanctions => &[Field::Person, Field::Date],
        }
    }
}

/// A canonical field. Some are shared by several tables (every table has a date).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    /// Case, incident or call number.
    RecordId,
    /// Date, or date and time.
    Date,
    /// Time of day, when the extract keeps it in its own column.
    Time,
    /// Suspect (incidents), offender (notifications, sanctions) or client (services).
    Person,
    Victim,
    Address,
    /// Offence description, call type, notification method, service or sanction type.
    Kind,
    Domestic,
    Relationship,
    Arrest,
    Charged,
    Felony,
    Weapon,
    Strangulation,
    Injury,
    PoViolation,
    Level,
    /// Offender or victim-survivor.
    Role,
    /// The offender a victim's service relates to.
    RelatedOffender,
    /// The case a sanction relates to.
    CaseId,
    /// The patrol area of an incident or call (beat, district, sector, precinct, ...): the unit
    /// comparison areas are counted by (docs/methods.md#comparison-areas). Kept last: the parser
    /// sizes its lookups by the last field.
    Area,
}

impl Field {
    /// The field's name in this table, as the mapping table shows it.
    pub fn label(self, table: Table) -> &'static str {
        use Field::*;
        match (self, table) {
            (RecordId, Table::Calls) => "call number",
            (RecordId, _) => "case number",
            (Date, _) => "date (and time)",
            (Time, _) => "time of day",
            (Person, Table::Incidents) => "suspect id",
            (Person, Table::Services) => "client id",
            (Person, _) => "offender id",
            (Victim, _) => "victim id",
            (Address, _) => "address",
            (Kind, Table::Incidents) => "offence",
            (Kind, Table::Calls) => "call type",
            (Kind, Table::Notifications) => "method",
            (Kind, Table::Services) => "service type",
            (Kind, Table::Sanctions) => "sanction type",
            (Domestic, _) => "domestic flag",
            (Relationship, _) => "relationship",
            (Arrest, _) => "arrest",
            (Charged, _) => "charge",
            (Felony, _) => "felony",
            (Weapon, _) => "weapon",
            (Strangulation, _) => "strangulation",
            (Injury, _) => "injury",
            (PoViolation, _) => "protective-order violation",
            (Level, _) => "level",
            (Role, Table::Services) => "client role",
            (Role, _) => "recipient",
            (RelatedOffender, _) => "related offender id",
            (CaseId, _) => "case number",
            (Area, _) => "area (beat, district)",
        }
    }

    /// A yes/no field.
    pub fn is_flag(self) -> bool {
        use Field::*;
        matches!(self, Domestic | Arrest | Charged | Felony | Weapon | Strangulation | Injury | PoViolation)
    }
}

/// Header names (normalised: lower-case letters and digits) by table and field. Includes the
/// real exports of docs/methods.md#fields-seen-in-real-extracts (Chicago crimes, New Orleans
/// calls for service, NIBRS).
pub(super) fn synonyms(table: Table, field: Field) -> &'static [&'static str] {
    use Field::*;
    use Table::*;
    match (table, field) {
        (Incidents, RecordId) => &[
            "casenumber",
            "caseno",
            "case",
            "incidentno",
            "incidentnumber",
            "incidentid",
            "reportnumber",
            "reportno",
            "rdno",
            "itemnumber",
            "itemno",
            "eventnumber",
            "id",
        ],
        (Calls, RecordId) => &[
            "callnumber",
            "callno",
            "callid",
            "nopditem",
            "item",
            "itemnumber",
            "eventnumber",
            "eventno",
            "incidentnumber",
            "cadnumber",
            "cadno",
            "id",
        ],
        (Incidents, Date) => &[
            "date",
            "reportdate",
            "reporteddate",
            "datereported",
            "rptdt",
            "reportdt",
            "incidentdate",
            "occurreddate",
            "occurrencedate",
            "dateofoccurrence",
            "offensedate",
            "datetime",
            "eventdate",
        ],
        (Calls, Date) => &[
            "timecreate",
            "timecreated",
            "createdate",
            "createdtime",
            "calldate",
            "calltime",
            "calldatetime",
            "date",
            "datetime",
            "receivedtime",
            "timereceived",
            "dispatchdate",
            "eventdate",
        ],
        (Notifications, Date) => {
            &["notificationdate", "datenotified", "notifdate", "notifieddate", "deliverydate", "date", "datedelivered"]
        }
        (Services, Date) => {
            &["contactdate", "contactdt", "servicedate", "date", "referraldate", "startdate", "visitdate"]
        }
        (Sanctions, Date) => &["sanctiondate", "actiondate", "actiontimestamp", "date", "datefiled", "filingdate"],
        (_, Time) => &["time", "reporttime", "incidenttime", "occurredtime", "timeofday"],
        (Incidents, Person) => &[
            "suspectid",
            "suspid",
            "suspect",
            "suspectnumber",
            "offenderid",
            "offender",
            "arresteeid",
            "personid",
            "perpetratorid",
            "subjectid",
        ],
        (Notifications, Person) | (Sanctions, Person) => {
            &["offenderid", "offender", "offendernumber", "offenderno", "personid", "suspectid", "subjectid"]
        }
        (Services, Person) => &["clientid", "client", "clientnumber", "personid", "participantid"],
        (Incidents, Victim) => &["victimid", "victid", "victim", "victimnumber"],
        (_, Address) => {
            &["address", "block", "blockaddress", "location", "streetaddress", "incidentaddress", "addr", "calladdress"]
        }
        (Incidents, Kind) => &[
            "offense",
            "offence",
            "offensedesc",
            "offensedescription",
            "primarytype",
            "crimetype",
            "offensetype",
            "calltype",
            "nature",
        ],
        (Calls, Kind) => &[
            "calltype",
            "typetext",
            "type",
            "natureofcall",
            "nature",
            "initialtype",
            "finaltype",
            "calltypedescription",
        ],
        (Notifications, Kind) => {
            &["method", "notiftype", "notificationtype", "notificationmethod", "type", "deliverymethod"]
        }
        (Services, Kind) => &["servicetype", "program", "service", "programname", "type"],
        (Sanctions, Kind) => &["sanctiontype", "action", "sanction", "type"],
        (_, Domestic) => &["domestic", "dvflag", "domesticflag", "isdomestic", "dv", "domesticviolence", "dvrelated"],
        (_, Relationship) => &[
            "relationship",
            "vicoffrel",
            "victimoffenderrelationship",
            "relationshipcode",
            "relation",
            "victimrelationship",
        ],
        (_, Arrest) => &["arrest", "arrestmade", "arrested", "arrestflag"],
        (_, Charged) => &["charged", "chargefiled", "charges", "charge", "chargeflag"],
        (_, Felony) => &["felony", "felonyyn", "felonycharge", "felonyflag"],
        (_, Weapon) => &["weapon", "weaponinvolved", "weaponyn", "weaponused", "weaponflag"],
        (_, Strangulation) => &["strangulation", "strangulationyn", "choking", "strangulationflag"],
        (_, Injury) => &["injury", "injuryyn", "victiminjury", "injured", "injuryflag"],
        (_, PoViolation) => &[
            "protectiveorderviolation",
            "poviolyn",
            "poviolation",
            "orderviolation",
            "poviol",
            "violationofprotectiveorder",
        ],
        (_, Level) => &["level", "tier", "ipvilevel", "classification", "list"],
        (Services, Role) => &["clientrole", "role", "clienttype"],
        (_, Role) => &["recipient", "notifiedparty", "role", "notified"],
        (_, RelatedOffender) => &["relatedoffenderid", "offender", "offenderid", "relatedoffender"],
        (Incidents | Calls, Area) => &[
            "beat",
            "district",
            "policedistrict",
            "sector",
            "precinct",
            "zone",
            "patrolzone",
            "ward",
            "patrolarea",
            "reportingarea",
            "reportarea",
            "neighborhood",
            "neighbourhood",
            "communityarea",
            "area",
        ],
        (_, CaseId) => &["casenumber", "case", "caseno", "relatedcasenumber", "incidentnumber"],
        _ => &[],
    }
}
