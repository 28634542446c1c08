//! Scratch: an elasticlunr-rs index (what Zola builds) of the same text as
//! Tolmach's search/<lang>.js, to compare sizes; and the Turkish stemmer on
//! Turkmen and Uzbek words.
use elasticlunr::{lang, IndexBuilder};
use rust_stemmers::{Algorithm, Stemmer};

fn main() {
    let dir = std::env::args().nth(1).expect("site dir");
    let mut total_el = 0;
    let mut total_el_nodocs = 0;
    let mut total_ours = 0;
    let mut total_text = 0;
    for l in ["ru", "en", "kk", "ky", "tg", "tk", "uz"] {
        let s = std::fs::read_to_string(format!("{dir}/search/{l}.js")).unwrap();
        let json = s.split_once("]=").unwrap().1.trim_end().trim_end_matches(';');
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let docs = v["docs"].as_array().unwrap();
        let spheres = v["spheres"].as_array().unwrap();
        // Zola's languages: elasticlunr's own where it has one, else none.
        let code = match l { "tk" | "uz" => "tr", "kk" | "ky" | "tg" => "ru", c => c };
        let mut sizes = Vec::new();
        for save in [true, false] {
            let language = lang::from_code(code).expect("language");
            let mut index = IndexBuilder::with_language(language)
                .add_fields(&["sphere", "body"])
                .save_docs(save)
                .build();
            for d in docs {
                let sphere = d["sphere"].as_u64().map(|i| spheres[i as usize]["heading"].as_str().unwrap()).unwrap_or("");
                index.add_doc(d["id"].as_str().unwrap(), [sphere, d["text"].as_str().unwrap()]);
            }
            sizes.push(index.to_json().len());
        }
        let text: usize = docs.iter().map(|d| d["text"].as_str().unwrap().len()).sum();
        println!("{l}: text {text} B, tolmach {} B, elasticlunr (docs stored, as Zola) {} B, elasticlunr without docs {} B", s.len(), sizes[0], sizes[1]);
        total_el += sizes[0];
        total_el_nodocs += sizes[1];
        total_ours += s.len();
        total_text += text;
    }
    println!("total: text {total_text} B, tolmach {total_ours} B, elasticlunr {total_el} B, elasticlunr without docs {total_el_nodocs} B");

    // The Turkish stemmer on Turkmen and Uzbek: how many forms it joins, and examples.
    let tr = Stemmer::create(Algorithm::Turkish);
    for l in ["tk", "uz"] {
        let s = std::fs::read_to_string(format!("{dir}/search/{l}.js")).unwrap();
        let json = s.split_once("]=").unwrap().1.trim_end().trim_end_matches(';');
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let words: Vec<&String> = v["words"].as_object().unwrap().keys().collect();
        let mut stems = std::collections::BTreeMap::<String, Vec<&str>>::new();
        for w in &words {
            stems.entry(tr.stem(w).into_owned()).or_default().push(w);
        }
        let changed = words.iter().filter(|w| tr.stem(w) != w.as_str()).count();
        println!("{l}: {} forms, {} changed by the Turkish stemmer, {} stems", words.len(), changed, stems.len());
        for (stem, forms) in stems.iter().filter(|(_, f)| f.len() > 1).take(25) {
            println!("  {stem}: {forms:?}");
        }
    }
}
