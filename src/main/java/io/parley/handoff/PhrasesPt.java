package io.parley.handoff;

import java.util.List;
import java.util.Set;

/** Portuguese: how customers ask for a person, how the assistant offers one, and a short yes. */
final class PhrasesPt {

    private PhrasesPt() {}

    static Phrasebook phrasebook() {
        String head = Phrasebooks.any("um atendente|uma atendente|atendente|um humano|humano|uma pessoa|pessoa real|"
                + "uma pessoa real|pessoa de verdade|uma pessoa de verdade|alguem|um agente|um consultor|"
                + "uma consultora|consultor|um operador|uma operadora|operador|um funcionario|"
                + "uma funcionaria|funcionario|o suporte|suporte|o atendimento|atendimento|um representante|"
                + "representante|um gerente|o gerente|o responsavel|um responsavel|um supervisor|"
                + "o supervisor|um ser humano|ser humano|um colaborador|uma colaboradora|o sac|sac|a equipe|"
                + "sua equipe|a equipa|um tecnico|um especialista");
        String mod = Phrasebooks.any("um|uma|o|a|algum|alguma|do|da|de|seu|sua|vosso|vossa|real|verdade|diretamente");
        String notAfter = "(?! (?:de (?:viagens|seguros|transito|policia|entrega)|imobiliario|da transportadora"
                + "|dos correios)\\b)";
        String offerHead =
                Phrasebooks.any("atendente|atendentes|colega|colegas|equipe|equipa|consultor|consultora|pessoa|humano|"
                        + "especialista|agente|operador|alguem|time|responsavel|suporte");
        Set<String> yes = Phrasebooks.words(
                "sim claro ok pode quero certo beleza perfeito favor certeza isso bora bom otimo fechado "
                        + "show pfv pf gostaria vamos s ss uhum aham blz ta top");
        return new Phrasebook(
                "pt",
                List.of(
                        Phrasebooks.p(
                                "\\b(?:falar|conversar|papear|teclar|comunicar|comunicar me|me comunicar|contatar|contactar)"
                                        + "(?: (?:diretamente|agora|ja))?(?: (?:com|a|ao|pra|para|c))?(?: " + mod
                                        + ")* "
                                        + head + "\\b" + notAfter),
                        Phrasebooks.p(
                                "\\b(?:me passa|me passe|me passar|passa me|passe me|passar me|me transfere|me transfira"
                                        + "|me transferir|transfere me|transfira me|transferir me|me encaminha|me encaminhe"
                                        + "|me encaminhar|encaminhe me|encaminha me|me conecta|me conecte|me conectar"
                                        + "|conecte me|conecta me|me coloca|me coloque|me colocar|coloque me|coloca me)"
                                        + "(?: (?:em contato|diretamente|agora|ja|por favor))?(?: (?:com|para|pra|a|ao))?"
                                        + "(?: " + mod + ")* " + head + "\\b" + notAfter),
                        Phrasebooks.p(
                                "\\b(?:quero|queria|preciso|gostaria|necessito|prefiro|preferia|peco|solicito|desejo|exijo"
                                        + "|me da|me de|tem como)(?: (?:de|falar|com|um|uma|o|a|ser|atendido|atendida|por))*"
                                        + " (?:atendente|humano|pessoa real|pessoa de verdade|ser humano|atendimento humano"
                                        + "|agente|consultor|consultora|operador|operadora|supervisor|gerente|responsavel"
                                        + "|funcionario|funcionaria|representante)\\b" + notAfter)),
                List.of(Phrasebooks.p("\\b(?:atendimento humano|atendente humano|pessoa (?:real|de verdade)|ser humano"
                        + "|suporte humano|humano de verdade)\\b")),
                Phrasebooks.p("^(?:(?:oi|ola|bom dia|boa tarde|boa noite|ok|sim|por favor|quero|um|uma) )*"
                        + "(?:atendente|humano|pessoa|atendimento|atendimento humano|suporte|agente|operador|consultor"
                        + "|pessoa real|ser humano|funcionario)"
                        + "(?: (?:por favor|pfv|pf|agora|ja|obrigado|obrigada|urgente))*$"),
                Phrasebooks.p("\\b(?:nao|nunca|sem|nenhum|nenhuma|nem)\\b(?: \\w+){0,4}$"),
                Phrasebooks.p("\\bnao (?:consigo|consegue|posso|pode|da|e possivel|tem como|deixa|deixam)\\b"
                        + "|\\bpor ?que nao\\b"),
                Phrasebooks.p(
                        "(?:\\b(?:voce e|vc e|tu es|e voce|es um|es uma|isso e|sou atendido por)|(?<!\\btem )\\be (?:um|uma)"
                                + "|\\b(?:estou|to|tou) (?:falando|conversando|teclando) com|\\bfalo com)(?: \\w+){0,3}$"),
                List.of(
                        Phrasebooks.p(
                                "\\b(?:transfira|transferir|transfiro|passe|passar|passo|encaminhe|encaminhar|encaminho"
                                        + "|conecte|conectar|conecto|coloque|colocar|coloco|direcione|direcionar|direciono)\\b"
                                        + "(?: \\w+){0,3}? (?:para|pra|com|a|ao)\\b(?: \\w+){0,4}? " + offerHead
                                        + "\\b"),
                        Phrasebooks.p("\\b(?:quer|queres|gostaria|deseja|desejas|prefere|preferes)\\b(?: \\w+){0,2}?"
                                + " (?:falar|conversar|ser atendido|ser atendida|ser transferido|ser transferida)\\b"
                                + "(?: \\w+){0,5}? " + offerHead + "\\b")),
                Phrasebooks.p("\\b(?:nao|nenhum|nenhuma|ninguem|impossivel)\\b"),
                yes,
                Phrasebooks.plus(
                        yes,
                        "por obrigado obrigada com um uma atendente pessoa me passa transfere ser la seria muito "
                                + "valeu agora"),
                List.of("por que nao", "porque nao"));
    }
}
