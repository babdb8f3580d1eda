#pragma once
// The shape of a REPL line, read from its text without a parser (Qt Core only): whether it
// declares one binding whose value an expression gives ("const x = items.length", "class A
// {}", "function f() {}"), so that the runtime can evaluate that expression where the entry
// module's top-level bindings are visible and still declare the name for later lines (see
// Runtime::evaluateLine). Anything it is unsure of is Other: those lines run as a classic
// script, as before.

#include <QString>

namespace nano::core {

struct ReplLineShape {
    enum class Kind {
        Statements,  // no declaration at its start: evaluated in the module's scope
        Declaration, // one binding, `name`, whose value `expression` gives
        Other        // a declaration the runtime cannot split (destructuring, several names)
    };
    Kind kind = Kind::Statements;
    QString keyword;    // let, const or var (a class is declared with let, a function with var)
    QString name;       // the declared identifier
    QString expression; // its value: the initializer, or the class/function as an expression
};

ReplLineShape replLineShape(const QString& code);

} // namespace nano::core
