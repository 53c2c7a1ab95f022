package io.parley.handoff;

import java.util.List;
import java.util.Set;

/** French: how customers ask for a person, how the assistant offers one, and a short yes. */
final class PhrasesFr {

    private PhrasesFr() {}

    static Phrasebook phrasebook() {
        String head =
                Phrasebooks.any("un conseiller|une conseillere|conseiller|conseillere|un humain|humain|une personne|"
                        + "une vraie personne|vraie personne|personne reelle|une personne reelle|un etre humain|"
                        + "etre humain|un agent|un operateur|une operatrice|operateur|un employe|une employee|"
                        + "quelqu un|le service client|service client|le service clientele|service clientele|"
                        + "un responsable|le responsable|un interlocuteur|une interlocutrice|un collaborateur|"
                        + "une collaboratrice|un technicien|le sav|sav|le support|un superviseur|le manager|"
                        + "un manager|le gerant|un gerant|votre equipe|l equipe|un vrai humain");
        String mod = Phrasebooks.any("un|une|le|la|l|vrai|vraie|de|du|des|votre|vos");
        String notAfter = "(?! (?:immobilier|de (?:voyage|voyages|police|securite|change|livraison)|d assurances?)\\b)";
        String offerHead =
                Phrasebooks.any("conseiller|conseillere|conseillers|collegue|collegues|equipe|agent|agents|humain|"
                        + "personne|specialiste|operateur|operatrice|responsable|quelqu un|service client");
        Set<String> yes =
                Phrasebooks.words("oui ouais ouaip ouii ok accord daccord volontiers sur parfait allez certainement "
                        + "evidemment absolument marche entendu carrement plait svp stp super vas bien plaisir go");
        return new Phrasebook(
                "fr",
                List.of(
                        Phrasebooks.p("\\b(?:parler|discuter|echanger|communiquer|chatter|m entretenir)"
                                + "(?: (?:directement|maintenant|tout de suite))? (?:a|avec|au|aux)(?: " + mod + ")* "
                                + head + "\\b" + notAfter),
                        Phrasebooks.p(
                                "\\b(?:mettre|mettez|mets|mis|mise)(?: moi)? en (?:relation|contact|communication|liaison)"
                                        + " avec(?: " + mod + ")* " + head + "\\b" + notAfter),
                        Phrasebooks.p(
                                "\\b(?:passez|passe|passer|transferez|transferer|transfere|redirigez|rediriger|orientez"
                                        + "|orienter|connectez|connecter|joindre|contacter|avoir|appeler)(?: moi)?"
                                        + "(?: (?:vers|a|au|avec))?(?: " + mod + ")* " + head + "\\b" + notAfter),
                        Phrasebooks.p(
                                "\\b(?:je veux|je voudrais|j aimerais|je souhaite|je souhaiterais|il me faut|je demande"
                                        + "|je prefere|je prefererais|je desire|donnez moi|je veux bien|besoin d)"
                                        + "(?: (?:parler|avoir|a|au|avec|un|une|le|la|l))* (?:humain|conseiller|conseillere"
                                        + "|vraie personne|personne reelle|agent|operateur|operatrice|etre humain"
                                        + "|interlocuteur|responsable|superviseur|vrai humain)\\b" + notAfter)),
                List.of(Phrasebooks.p("\\b(?:vraie personne|personne reelle|vrai humain|etre humain|personne physique"
                        + "|interlocuteur humain|conseiller humain|agent humain)\\b")),
                Phrasebooks.p("^(?:(?:bonjour|salut|ok|oui|svp|s il vous plait|je veux|je voudrais|un|une) )*"
                        + "(?:conseiller|conseillere|humain|agent|operateur|operatrice|vraie personne|personne reelle"
                        + "|service client|service clientele|etre humain|quelqu un|sav)"
                        + "(?: (?:s il vous plait|s il te plait|svp|stp|merci|maintenant|vite|urgent))*$"),
                Phrasebooks.p("\\b(?:ne|n|pas|jamais|sans|aucun|aucune|plus besoin|viens d|deja)\\b(?: \\w+){0,4}$"),
                Phrasebooks.p(
                        "\\b(?:(?:ne|n) (?:peux|peut|puis|pouvons|pouvez|arrive|arrivez|arrivons|parviens|reussis) pas"
                                + "|impossible|pas moyen)\\b"),
                Phrasebooks.p(
                        "(?:\\b(?:etes vous|es tu|est ce que vous etes|est ce que tu es|vous etes|tu es|c est|est ce)"
                                + "|\\b(?:je parle|je discute|je suis en train de parler) (?:a|avec))(?: \\w+){0,3}$"),
                List.of(
                        Phrasebooks.p(
                                "\\b(?:mettre|mette|mets|mettrai|transferer|transfere|transfererai|passer|passe|passerai"
                                        + "|rediriger|redirige|redirigerai|orienter|oriente|connecter|connecte)\\b(?: \\w+){0,3}?"
                                        + " (?:avec|a|au|vers)\\b(?: \\w+){0,4}? " + offerHead + "\\b"),
                        Phrasebooks.p(
                                "\\b(?:voulez vous|veux tu|voudriez vous|souhaitez vous|souhaites tu|aimeriez vous"
                                        + "|aimerais tu|preferez vous|preferes tu|desirez vous)\\b(?: \\w+){0,2}?"
                                        + " (?:parler|discuter|echanger|etre mis|etre mise|etre transfere|etre transferee)\\b"
                                        + "(?: \\w+){0,5}? " + offerHead + "\\b")),
                Phrasebooks.p("\\b(?:ne|n|pas|aucun|aucune|impossible)\\b"),
                yes,
                Phrasebooks.plus(
                        yes,
                        "d merci s il vous te je veux c est un une conseiller personne ca me avec tres y beaucoup"),
                List.of("pourquoi pas"));
    }
}
