"""Derives banking-faq-entries.json from banking/documents.jsonl: every question-and-answer pair of the "FAQ: ..."
documents (the product named in front of the question) and every document whose title is a question (the title is the
question, the body its answer). Run from src/test/resources/knowledge/: python3 scripts/faq_entries.py"""
import json
import re

entries = []
with open('banking/documents.jsonl') as f:
    documents = [json.loads(line) for line in f if line.strip()]
for d in documents:
    title, content = d['title'].strip(), d['content']
    if title.startswith('FAQ:'):
        subject = title[len('FAQ:'):].strip()
        lines = content.split('\n')
        pairs, question, answer = [], None, []
        for line in lines:
            m = re.match(r'^(?:###\s+|-\s+Q:\s*|-\s+)(.+\?)\s*$', line)
            if m:
                if question and ''.join(answer).strip():
                    pairs.append((question, answer))
                question, answer = m.group(1).strip(), []
            elif question is not None:
                if line.startswith('## '):
                    if ''.join(answer).strip():
                        pairs.append((question, answer))
                    question, answer = None, []
                    continue
                text = re.sub(r'^\s*(?:-\s+)?(?:A:\s*)?', '', line).strip()
                if text:
                    answer.append(text)
        if question and ''.join(answer).strip():
            pairs.append((question, answer))
        for n, (q, a) in enumerate(pairs, 1):
            entries.append({'id': f"{d['id']}#q{n}", 'question': f"{subject}: {q}", 'answer': '\n'.join(a)})
    elif title.endswith('?'):
        entries.append({'id': d['id'], 'question': title, 'answer': content.strip()})
with open('banking-faq-entries.json', 'w') as f:
    f.write('[\n' + ',\n'.join('  ' + json.dumps(e, ensure_ascii=False) for e in entries) + '\n]\n')
print(len(entries), 'entries')
