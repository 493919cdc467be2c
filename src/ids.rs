//! The ids that the detector, the knowledge base and every consumer agree on.

pub const SYSTEMS: &[&str] = &[
    "cowin",
    "aadhaar",
    "icmr",
    "aiims",
    "aarogya_setu",
    "digilocker",
    "epfo",
    "irctc",
    "pm_kisan",
    "jharkhand_pension",
    "other",
];

pub const FIELDS: &[&str] = &[
    "name",
    "mobile",
    "email",
    "address",
    "dob",
    "birth_year",
    "age",
    "gender",
    "aadhaar",
    "pan",
    "passport",
    "voter_id",
    "driving_licence",
    "photo",
    "family",
    "vaccination_details",
    "vaccination_centre",
    "health_records",
    "bank",
    "payment_card",
    "location",
    "password",
    "employment",
];

pub fn system_index(id: &str) -> Option<usize> {
    SYSTEMS.iter().position(|s| *s == id)
}

pub fn field_index(id: &str) -> Option<usize> {
    FIELDS.iter().position(|f| *f == id)
}
