//! The automatic column mapping: which field each column of a file holds, from its header
//! and the synonyms in `fields` (the user confirms or changes it).

use super::fields::{synonyms, Field, Table};
use super::values::normalize;
use serde::{Deserialize, Serialize};

/// Which field each column holds (`None`: not used), for one table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub table: Table,
    pub columns: Vec<Option<Field>>,
}

impl Mapping {
    /// The column holding a field, if any.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|&f| f == Some(field))
    }

    /// Required fields with no column.
    pub fn missing(&self) -> Vec<Field> {
        self.table.required().iter().copied().filter(|&f| self.column(f).is_none()).collect()
    }
}

/// Maps headers to the fields of one table: each column takes the first field whose names
/// include its normalised header; a field goes to one column only (the first).
pub fn auto_map(headers: &[String], table: Table) -> Mapping {
    let normalized: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let mut columns = vec![None; headers.len()];
    // Exact names first by their rank in the synonym lists, so "Date" beats "Updated On".
    for &field in table.fields() {
        let names = synonyms(table, field);
        let best = normalized
            .iter()
            .enumerate()
            .filter(|(i, h)| columns[*i].is_none() && names.contains(&h.as_str()))
            .min_by_key(|(_, h)| names.iter().position(|n| n == h));
        if let Some((i, _)) = best {
            columns[i] = Some(field);
        }
    }
    Mapping { table, columns }
}

/// The table a file most likely is, from its headers: the one whose fields its columns match
/// best, fields typical of one table counting more.
pub fn detect_table(headers: &[String]) -> Table {
    let score = |table: Table| -> u32 {
        let m = auto_map(headers, table);
        m.columns
            .iter()
            .flatten()
            .map(|&f| match (table, f) {
                (Table::Notifications, Field::Level) => 4,
                (Table::Services | Table::Sanctions | Table::Calls, Field::Kind) => 3,
                (Table::Services, Field::Role | Field::RelatedOffender) => 3,
                (Table::Incidents, Field::Victim | Field::Arrest | Field::Charged | Field::Relationship) => 2,
                (_, Field::Date) => 0,
                _ => 1,
            })
            .sum::<u32>()
            + if m.missing().is_empty() { 1 } else { 0 }
    };
    // Ties go to the earlier table (incidents first).
    Table::ALL.into_iter().rev().max_by_key(|&t| score(t)).unwrap_or(Table::Incidents)
}

/// A stable key for a header row, under which a confirmed mapping is remembered.
pub fn header_signature(headers: &[String]) -> String {
    headers.iter().map(|h| normalize(h)).collect::<Vec<_>>().join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(line: &str, sep: char) -> Vec<String> {
        line.split(sep).map(String::from).collect()
    }

    #[test]
    fn chicago_crimes_map_to_incidents_without_help() {
        let h = headers("ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Updated On,Latitude,Longitude", ',');
        assert_eq!(detect_table(&h), Table::Incidents);
        let m = auto_map(&h, Table::Incidents);
        assert_eq!(m.column(Field::Date), Some(2));
        assert_eq!(m.column(Field::Address), Some(3));
        assert_eq!(m.column(Field::Arrest), Some(8));
        assert_eq!(m.column(Field::Domestic), Some(9));
        assert_eq!(m.column(Field::RecordId), Some(1), "Case Number ranks above ID");
        assert_eq!(m.column(Field::Kind), Some(5));
        assert_eq!(m.column(Field::Person), None);
    }

    #[test]
    fn new_orleans_calls_map_to_calls() {
        let h = headers("NOPD_Item,Type,TypeText,Priority,InitialType,InitialTypeText,InitialPriority,MapX,MapY,TimeCreate,TimeDispatch,TimeArrive,TimeClosed,Disposition,DispositionText,SelfInitiated,Beat,BLOCK_ADDRESS,Zip,PoliceDistrict,Location", ',');
        assert_eq!(detect_table(&h), Table::Calls);
        let m = auto_map(&h, Table::Calls);
        assert_eq!(m.column(Field::Date), Some(9));
        assert_eq!(m.column(Field::Kind), Some(2), "TypeText ranks above Type");
        assert_eq!(m.column(Field::Address), Some(17));
        assert_eq!(m.column(Field::RecordId), Some(0));
    }

    #[test]
    fn each_demo_extract_is_recognised_clean_and_messy() {
        let cases = [
            ("Case Number,Report Date,Suspect ID,Victim ID,Relationship,Address,Offense,Domestic,Arrest,Charged,Felony,Weapon Involved,Strangulation,Injury,Protective Order Violation", ',', Table::Incidents),
            ("INCIDENT_NO;RPT_DT;SUSP_ID;VICT_ID;VIC_OFF_REL;LOCATION;OFFENSE_DESC;DV_FLAG;ARREST_MADE;CHARGE_FILED;FELONY_YN;WEAPON_YN;STRANGULATION_YN;INJURY_YN;PO_VIOL_YN", ';', Table::Incidents),
            ("Call Number,Time Created,Call Type,Address", ',', Table::Calls),
            ("Offender ID,Level,Method,Notification Date,Recipient", ',', Table::Notifications),
            ("Offender #\tTier\tNotif Type\tDate Notified\tNotified Party", '\t', Table::Notifications),
            ("Client ID,Client Role,Related Offender ID,Service Type,Contact Date", ',', Table::Services),
            ("CLIENT,ROLE,OFFENDER,PROGRAM,CONTACT_DT", ',', Table::Services),
            ("Offender ID,Sanction Type,Sanction Date,Case Number", ',', Table::Sanctions),
            ("Offender,Action,Action Timestamp,Case #", ',', Table::Sanctions),
        ];
        for (line, sep, table) in cases {
            let h = headers(line, sep);
            assert_eq!(detect_table(&h), table, "{line}");
            let m = auto_map(&h, table);
            assert_eq!(m.missing(), vec![], "{line}");
            assert_eq!(m.columns.iter().filter(|c| c.is_none()).count(), 0, "every column mapped: {line} {m:?}");
        }
    }
}
