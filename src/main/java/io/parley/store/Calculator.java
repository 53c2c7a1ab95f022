package io.parley.store;

/**
 * The {@code calculate} tool's arithmetic: numbers, {@code + - * / // ** ( )} and spaces, evaluated as Python
 * evaluates them on floats, rounded to 2 decimals and printed as Python prints a float.
 */
final class Calculator {

    private final String text;
    private int at;

    private Calculator(String text) {
        this.text = text;
    }

    static String calculate(String expression) {
        for (int i = 0; i < expression.length(); i++) {
            if ("0123456789+-*/(). ".indexOf(expression.charAt(i)) < 0) {
                throw new Refusal("Invalid characters in expression");
            }
        }
        Calculator calculator = new Calculator(expression);
        double value;
        try {
            value = calculator.sum();
            calculator.skipSpaces();
            if (calculator.at != expression.length()) {
                throw new Refusal("Invalid expression");
            }
        } catch (ArithmeticException e) {
            throw new Refusal("Division by zero");
        }
        return StoreJson.pythonFloat(StoreJson.money(value));
    }

    private double sum() {
        double value = product();
        while (true) {
            if (eat("+")) {
                value += product();
            } else if (eat("-")) {
                value -= product();
            } else {
                return value;
            }
        }
    }

    private double product() {
        double value = unary();
        while (true) {
            if (peek("**")) {
                return value;
            } else if (eat("//")) {
                double divisor = unary();
                if (divisor == 0) {
                    throw new ArithmeticException();
                }
                value = Math.floor(value / divisor);
            } else if (eat("*")) {
                value *= unary();
            } else if (eat("/")) {
                double divisor = unary();
                if (divisor == 0) {
                    throw new ArithmeticException();
                }
                value /= divisor;
            } else {
                return value;
            }
        }
    }

    private double unary() {
        if (eat("-")) {
            return -unary();
        }
        if (eat("+")) {
            return unary();
        }
        return power();
    }

    private double power() {
        double base = atom();
        if (eat("**")) {
            return Math.pow(base, unary());
        }
        return base;
    }

    private double atom() {
        skipSpaces();
        if (eat("(")) {
            double value = sum();
            if (!eat(")")) {
                throw new Refusal("Invalid expression");
            }
            return value;
        }
        int start = at;
        while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
            at++;
        }
        if (start == at) {
            throw new Refusal("Invalid expression");
        }
        try {
            return Double.parseDouble(text.substring(start, at));
        } catch (NumberFormatException e) {
            throw new Refusal("Invalid expression");
        }
    }

    private boolean peek(String token) {
        skipSpaces();
        return text.startsWith(token, at);
    }

    private boolean eat(String token) {
        if (peek(token)) {
            at += token.length();
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
    }
}
