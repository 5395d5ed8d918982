//! Street names, relationship codes and service names the demo draws from.

pub(super) const STREETS: &[&str] = &[
    "MAPLE AVE",
    "OAK ST",
    "MAIN ST",
    "ELM ST",
    "CEDAR LN",
    "PINE ST",
    "LINCOLN AVE",
    "WASHINGTON BLVD",
    "CHURCH ST",
    "MILL RD",
    "RIVER RD",
    "LAKE DR",
    "HIGHLAND AVE",
    "PARK PL",
    "SUNSET BLVD",
    "MARTIN LUTHER KING JR DR",
    "PEÑA BLVD",
    "JOSÉ MARTÍ ST",
    "FRANÇOIS CT",
    "MÜLLER WAY",
];
pub(super) const DIRECTIONS: &[&str] = &["N", "S", "E", "W"];
pub(super) const INTIMATE_RELATIONSHIPS: &[&str] = &["SE", "CS", "BG", "BG", "XS", "HR", "XR"];
pub(super) const FAMILY_RELATIONSHIPS: &[&str] = &["PA", "CH", "SB", "OF"];
pub(super) const OFFENDER_SERVICES: &[&str] =
    &["Batterer intervention program", "Substance use treatment", "Employment services", "Counseling"];
pub(super) const VICTIM_SERVICES: &[&str] = &["Advocacy", "Safety planning", "Shelter", "Legal advocacy", "Counseling"];
