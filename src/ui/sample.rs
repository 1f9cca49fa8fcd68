//! The built-in sample: five real articles on one story (July 2018), compiled into the app.

/// The sample files as (name, bytes).
pub const SAMPLE_FILES: [(&str, &[u8]); 5] = [
    (
        "000_2c93c9751dd572a9.txt",
        include_bytes!("../../tests/data/seeds/000_2c93c9751dd572a9.txt"),
    ),
    (
        "001_1d7a7702461e28db.txt",
        include_bytes!("../../tests/data/seeds/001_1d7a7702461e28db.txt"),
    ),
    (
        "002_525ae5a469998585.txt",
        include_bytes!("../../tests/data/seeds/002_525ae5a469998585.txt"),
    ),
    (
        "003_30b58145e12fbd7b.txt",
        include_bytes!("../../tests/data/seeds/003_30b58145e12fbd7b.txt"),
    ),
    (
        "004_3c97cdc25987cca6.txt",
        include_bytes!("../../tests/data/seeds/004_3c97cdc25987cca6.txt"),
    ),
];
