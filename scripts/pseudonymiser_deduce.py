"""DEDUCE (Menger et al., PyPI `deduce`, LGPL) on the pseudonymiser corpus, for
`samen bench pseudonymiser --deduce PYTHON`. Install it in a venv outside the
repository (python3 -m venv /tmp/deduce-venv && /tmp/deduce-venv/bin/pip install deduce);
the first run builds DEDUCE's lookup structures (a few minutes).

Prints one JSON line per passage: {"id", "annotations": [{"tag", "start", "end"}]}
with DEDUCE's own tags and code-point offsets; the Swift side maps both.
"""
import json
import logging
import sys

from deduce import Deduce

logging.disable(logging.INFO)


def main(corpus_path):
    deduce = Deduce()
    with open(corpus_path, encoding="utf-8") as corpus:
        for line in corpus:
            if not line.strip():
                continue
            passage = json.loads(line)
            document = deduce.deidentify(passage["text"])
            annotations = [{"tag": a.tag, "start": a.start_char, "end": a.end_char} for a in document.annotations]
            print(json.dumps({"id": passage["id"], "annotations": annotations}))


if __name__ == "__main__":
    main(sys.argv[1])
