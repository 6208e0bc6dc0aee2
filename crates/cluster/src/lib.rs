//! Stories for marsad: near-duplicate copies (MinHash + LSH), online story clustering with an
//! inverted index over open stories, threads linking stories across weeks and years, and the
//! BCubed scores used to tune them.

pub mod engine;
pub mod features;
pub mod minhash;
pub mod score;
pub mod surface;

pub use engine::{Assignment, Changes, Config, Engine, Input, StorySummary, ThreadSummary};
pub use features::{Features, features};
pub use score::{ClusterScores, score};
pub use surface::{ArticleText, display_names, display_terms};
