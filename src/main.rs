fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    println!(
        "{}",
        serde_json::to_string_pretty(&leaklens::check(&text)).unwrap()
    );
}
