//! The `danvan` command line: argument parsing, messages and exit codes.
//!
//! Arguments go through two steps: raw words → [`Command`], then running it. This is the only
//! module that prints or chooses exit codes: 0 success, 1 warnings under `--strict`, 2 errors
//! (usage, I/O, invalid UTF-8, bad configuration). Nothing is written unless the run succeeds.

use std::path::PathBuf;

use super::{compile_dir, write, CompileError, Options};

const USAGE: &str = "\
danvan: compile Vietnamese reports on công tác dân vận into a JSON bundle

Usage:
  danvan compile <DIR> -o <FILE> [--manifest FILE] [--topics FILE] [--aliases FILE] [--strict]
  danvan synth --reports N [--seed S] -o <DIR>
  danvan --help | --version

Reads every .txt file under DIR (recursively, sorted by path) and writes the bundle to FILE,
and its catalog (the report list without the text, which the app shows first) beside it:
bundle.json -> bundle.catalog.json.
Without --manifest/--topics/--aliases, uses corpus.toml, topics.toml and aliases.toml in
DIR's parent folder when they exist.

  -o, --output FILE   where to write the bundle (it and its catalog are written atomically)
  --manifest FILE     curation manifest (corpus.toml)
  --topics FILE       topic taxonomy (topics.toml)
  --aliases FILE      alias groups (aliases.toml)
  --strict            treat any warning as a failure (exit 1, nothing written)

synth writes N synthetic reports (synth_000000.txt, ...) into DIR for scale tests and
benchmarks: paragraphs of the built-in seed reports recombined, with their own city, date,
outlet, title and re-valued figures, page clutter, both tone placements and some NFD files.
The same N and S always give the same bytes (S defaults to 1).

  --reports N         how many files to write
  --seed S            the generator's seed (an unsigned integer)

Exit status: 0 success, 1 warnings with --strict, 2 errors.
";

/// A parsed command line.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Help,
    Version,
    Compile {
        options: CompileArgs,
    },
    Synth {
        reports: usize,
        seed: u64,
        output: PathBuf,
    },
}

/// The arguments of `danvan compile`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CompileArgs {
    pub dir: PathBuf,
    pub output: PathBuf,
    pub manifest: Option<PathBuf>,
    pub topics: Option<PathBuf>,
    pub aliases: Option<PathBuf>,
    pub strict: bool,
}

/// Parses the words after the program name.
pub fn parse_args(args: &[String]) -> Result<Command, String> {
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some("compile") => {}
        Some("synth") => return parse_synth(it),
        Some(other) => return Err(format!("unknown command \"{other}\"")),
    }
    let mut dir = None;
    let mut output = None;
    let mut a = CompileArgs::default();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("{name} needs a file name"))
        };
        match arg.as_str() {
            "-o" | "--output" => output = Some(value(arg)?),
            "--manifest" => a.manifest = Some(value(arg)?),
            "--topics" => a.topics = Some(value(arg)?),
            "--aliases" => a.aliases = Some(value(arg)?),
            "--strict" => a.strict = true,
            "-h" | "--help" => return Ok(Command::Help),
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(format!("unknown option \"{s}\""))
            }
            s if dir.is_none() => dir = Some(PathBuf::from(s)),
            s => return Err(format!("unexpected argument \"{s}\"")),
        }
    }
    a.dir = dir.ok_or("compile needs a folder of reports")?;
    a.output = output.ok_or("compile needs -o <FILE>")?;
    Ok(Command::Compile { options: a })
}

fn parse_synth<'a>(mut it: impl Iterator<Item = &'a String>) -> Result<Command, String> {
    let (mut reports, mut seed, mut output) = (None, 1, None);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--reports" => {
                let v = value(arg)?;
                reports = Some(
                    v.parse()
                        .map_err(|_| format!("--reports needs a whole number, not \"{v}\""))?,
                )
            }
            "--seed" => {
                let v = value(arg)?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed needs an unsigned integer, not \"{v}\""))?
            }
            "-o" | "--output" => output = Some(PathBuf::from(value(arg)?)),
            "-h" | "--help" => return Ok(Command::Help),
            s => return Err(format!("unexpected argument \"{s}\" for synth")),
        }
    }
    Ok(Command::Synth {
        reports: reports.ok_or("synth needs --reports N")?,
        seed,
        output: output.ok_or("synth needs -o <DIR>")?,
    })
}

/// Runs the command line and returns the process exit code.
pub fn main(args: Vec<String>) -> i32 {
    match parse_args(&args) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            0
        }
        Ok(Command::Version) => {
            println!("{}", write::generator());
            0
        }
        Ok(Command::Compile { options }) => run(&options),
        Ok(Command::Synth {
            reports,
            seed,
            output,
        }) => match super::synth::write_corpus(&output, reports, seed) {
            Ok(bytes) => {
                eprintln!(
                    "wrote {reports} synthetic reports ({bytes} bytes, seed {seed}) to {}",
                    output.display()
                );
                0
            }
            Err(e) => fail(&e),
        },
        Err(msg) => {
            eprintln!("danvan: error: {msg}\n\n{USAGE}");
            2
        }
    }
}

fn run(a: &CompileArgs) -> i32 {
    let opts = Options {
        dir: a.dir.clone(),
        manifest: a.manifest.clone(),
        topics: a.topics.clone(),
        aliases: a.aliases.clone(),
    };
    if !a.dir.is_dir() {
        eprintln!("{}: error: not a folder of reports", a.dir.display());
        return 2;
    }
    let compiled = match compile_dir(&opts) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    for w in &compiled.warnings {
        eprintln!("{w}");
    }
    eprintln!("{}", compiled.summary());
    if a.strict && !compiled.warnings.is_empty() {
        eprintln!(
            "danvan: error: {} warnings with --strict; {} not written",
            compiled.warnings.len(),
            a.output.display()
        );
        return 1;
    }
    match write::write_bundle(&a.output, &compiled.bundle) {
        Ok(_) => 0,
        Err(e) => fail(&e),
    }
}

fn fail(e: &CompileError) -> i32 {
    eprintln!("{e}");
    2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn parses_compile() {
        let c = parse_args(&args(
            "compile data/reports -o out.json --strict --topics t.toml",
        ))
        .unwrap();
        let Command::Compile { options } = c else {
            panic!()
        };
        assert_eq!(options.dir, PathBuf::from("data/reports"));
        assert_eq!(options.output, PathBuf::from("out.json"));
        assert_eq!(options.topics, Some(PathBuf::from("t.toml")));
        assert!(options.strict);
    }

    #[test]
    fn usage_errors() {
        assert_eq!(parse_args(&args("--help")).unwrap(), Command::Help);
        assert_eq!(parse_args(&args("--version")).unwrap(), Command::Version);
        assert!(parse_args(&args("compile data"))
            .unwrap_err()
            .contains("-o"));
        assert!(parse_args(&args("compile -o x"))
            .unwrap_err()
            .contains("folder"));
        assert!(parse_args(&args("compile d -o")).is_err());
        assert!(parse_args(&args("compile d -o x --bogus"))
            .unwrap_err()
            .contains("--bogus"));
        assert!(parse_args(&args("frobnicate")).is_err());
    }

    #[test]
    fn parses_synth() {
        assert_eq!(
            parse_args(&args("synth --reports 50 --seed 9 -o out")).unwrap(),
            Command::Synth {
                reports: 50,
                seed: 9,
                output: PathBuf::from("out")
            }
        );
        let Command::Synth { seed, .. } = parse_args(&args("synth --reports 5 -o o")).unwrap()
        else {
            panic!()
        };
        assert_eq!(seed, 1);
        assert!(parse_args(&args("synth -o out"))
            .unwrap_err()
            .contains("--reports"));
        assert!(parse_args(&args("synth --reports x -o o"))
            .unwrap_err()
            .contains("\"x\""));
        assert!(parse_args(&args("synth --reports 5"))
            .unwrap_err()
            .contains("-o"));
    }
}
