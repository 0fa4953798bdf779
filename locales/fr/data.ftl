# Settings: sections, connected apps, your data (issue 13 §4–6).
