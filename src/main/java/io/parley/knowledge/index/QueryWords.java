package io.parley.knowledge.index;

import java.util.List;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * Words left out of keyword search. Lucene's English list misses the words customers' questions are made of ("can",
 * "I", "my", "how", "do you"): matching those made any passage with "can" in it outrank the one about the question.
 */
final class QueryWords {

    static final CharArraySet STOP_WORDS;

    static {
        CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        words.addAll(List.of(
                "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "you", "your", "yours", "he", "him",
                "his", "she", "her", "hers", "its", "them", "what", "which", "who", "whom", "whose", "when", "where",
                "why", "how", "can", "could", "would", "should", "shall", "may", "might", "must", "do", "does", "did",
                "doing", "done", "have", "has", "had", "having", "am", "been", "being", "were", "so", "too", "very",
                "just", "also", "any", "some", "all", "about", "from", "up", "down", "out", "off", "over", "under",
                "again", "than", "here", "there", "hi", "hello", "hey", "please", "thanks", "thank", "ok", "okay",
                "get", "got", "want", "need", "know", "tell", "like", "im", "i'm", "dont", "don't", "cant", "can't",
                "yes", "one"));
        STOP_WORDS = CharArraySet.unmodifiableSet(words);
    }

    private QueryWords() {}
}
