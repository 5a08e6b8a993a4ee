pub mod cli;
pub mod figures;
