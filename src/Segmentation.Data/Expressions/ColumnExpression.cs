using System.Globalization;
using System.Text;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Expressions;

/// <summary>
/// A computed column of an import spec: <c>= Quantity * UnitPrice</c>, <c>= order_id || '/' || seller_id</c>. A small,
/// safe language parsed in C# and rendered per SQL dialect — the text never reaches SQL: headers are quoted identifiers,
/// strings and numbers literals.
/// </summary>
/// <remarks>
/// <para>Grammar: <c>expr := concat; concat := sum ('||' sum)*; sum := product (('+'|'-') product)*;
/// product := unary (('*'|'/') unary)*; unary := '-' unary | atom; atom := number | 'string' | header | "header" |
/// function '(' expr (',' expr)* ')' | '(' expr ')'</c>. A bare header is letters, digits and <c>_</c> (not starting with a
/// digit); any other header is written in double quotes (<c>""</c> for a quote inside). Strings use single quotes
/// (<c>''</c> inside).</para>
/// <para>Functions: <c>coalesce(a, b, …)</c>, <c>nullif(a, b)</c>, <c>abs(x)</c>, <c>round(x)</c> / <c>round(x, digits)</c>,
/// <c>lower(s)</c>, <c>upper(s)</c>, <c>trim(s)</c>. Arithmetic reads its operands as numbers (a header that holds no number
/// is an error of the row, not 0); division by 0 gives a missing value; <c>||</c> joins text (a missing part makes the
/// result missing, as in SQL). Anything else — other functions, comparisons, SQL keywords, <c>;</c> — is refused.</para>
/// </remarks>
public sealed class ColumnExpression
{
    private static readonly Dictionary<string, (int Min, int Max)> Functions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["coalesce"] = (1, 16), ["nullif"] = (2, 2), ["abs"] = (1, 1), ["round"] = (1, 2), ["lower"] = (1, 1), ["upper"] = (1, 1), ["trim"] = (1, 1),
    };

    private readonly Node root;

    private ColumnExpression(string text, Node root)
    {
        Text = text;
        this.root = root;
        Headers = Collect(root).Distinct(StringComparer.Ordinal).ToArray();
        NumericHeaders = CollectNumeric(root, numeric: false).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The expression as written (without the leading <c>=</c>).</summary>
    public string Text { get; }

    /// <summary>The headers it reads, in order of first use.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The headers it reads as numbers (operands of arithmetic, <c>abs</c>, <c>round</c>).</summary>
    public IReadOnlyList<string> NumericHeaders { get; }

    /// <summary>The type of the result.</summary>
    public ExpressionType Type => root.Type;

    /// <summary>Parses <paramref name="text"/> (with or without the leading <c>=</c>).</summary>
    /// <exception cref="ColumnExpressionException">The text is not in the language; the message says where and why.</exception>
    public static ColumnExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = text.TrimStart();
        if (body.StartsWith('=')) body = body[1..];
        var parser = new Parser(body);
        var node = parser.ParseExpression();
        parser.ExpectEnd();
        return new ColumnExpression(body.Trim(), node);
    }

    /// <summary>
    /// The SQL of the expression in <paramref name="d"/>; <paramref name="header"/> gives the SQL of a header's text value
    /// (missing-value tokens already NULL).
    /// </summary>
    public string Render(SqlDialect d, Func<string, string> header)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(header);
        return Render(root, d, header);
    }

    /// <summary>The same expression with headers renamed (<paramref name="names"/>: as written → as the file spells them).</summary>
    public ColumnExpression WithHeaders(IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return new ColumnExpression(Text, Rename(root, names));
    }

    private static Node Rename(Node n, IReadOnlyDictionary<string, string> names) => n switch
    {
        HeaderNode h => h with { Name = names.TryGetValue(h.Name, out var to) ? to : h.Name },
        NegateNode m => m with { Operand = Rename(m.Operand, names) },
        BinaryNode b => b with { Left = Rename(b.Left, names), Right = Rename(b.Right, names) },
        CallNode c => c with { Args = c.Args.Select(a => Rename(a, names)).ToList() },
        _ => n,
    };

    /// <inheritdoc />
    public override string ToString() => Text;

    private static string Render(Node n, SqlDialect d, Func<string, string> header) => n switch
    {
        HeaderNode h when h.Type == ExpressionType.Number => d.TryDouble(header(h.Name)),
        HeaderNode h => header(h.Name),
        NumberNode x => $"CAST({x.Value.ToString("R", CultureInfo.InvariantCulture)} AS {d.DoubleType})",
        StringNode s => d.Str(s.Value),
        NegateNode m => $"(-{Render(m.Operand, d, header)})",
        BinaryNode b when b.Op == "||" => $"({AsText(b.Left, d, header)} || {AsText(b.Right, d, header)})",
        BinaryNode b when b.Op == "/" => $"({Render(b.Left, d, header)} / NULLIF({Render(b.Right, d, header)}, 0))",
        BinaryNode b => $"({Render(b.Left, d, header)} {b.Op} {Render(b.Right, d, header)})",
        CallNode c => c.Name switch
        {
            "round" => $"CAST(round(CAST({Render(c.Args[0], d, header)} AS DECIMAL(38, 10)), {(c.Args.Count > 1 ? Digits(c.Args[1]) : "0")}) AS {d.DoubleType})",
            "abs" => $"abs({Render(c.Args[0], d, header)})",
            "lower" or "upper" or "trim" => $"{c.Name}({AsText(c.Args[0], d, header)})",
            _ when c.Type == ExpressionType.Text => $"{c.Name}({string.Join(", ", c.Args.Select(a => AsText(a, d, header)))})",
            _ => $"{c.Name}({string.Join(", ", c.Args.Select(a => Render(a, d, header)))})",
        },
        _ => throw new InvalidOperationException(n.GetType().Name),
    };

    private static string AsText(Node n, SqlDialect d, Func<string, string> header) =>
        n.Type == ExpressionType.Text ? Render(n, d, header) : d.AsText(Render(n, d, header));

    private static string Digits(Node n) => n is NumberNode { Value: var v } && v == Math.Floor(v) && v is >= 0 and <= 10
        ? ((int)v).ToString(CultureInfo.InvariantCulture)
        : throw new ColumnExpressionException("round(x, digits): digits must be a whole number from 0 to 10");

    private static IEnumerable<string> Collect(Node n) => n switch
    {
        HeaderNode h => [h.Name],
        NegateNode m => Collect(m.Operand),
        BinaryNode b => Collect(b.Left).Concat(Collect(b.Right)),
        CallNode c => c.Args.SelectMany(Collect),
        _ => [],
    };

    private static IEnumerable<string> CollectNumeric(Node n, bool numeric) => n switch
    {
        HeaderNode h when h.Type == ExpressionType.Number => [h.Name],
        NegateNode m => CollectNumeric(m.Operand, true),
        BinaryNode b => CollectNumeric(b.Left, true).Concat(CollectNumeric(b.Right, true)),
        CallNode c => c.Args.SelectMany(a => CollectNumeric(a, true)),
        _ => [],
    };

    private abstract record Node(ExpressionType Type);
    private sealed record HeaderNode(string Name, ExpressionType Type) : Node(Type);
    private sealed record NumberNode(double Value) : Node(ExpressionType.Number);
    private sealed record StringNode(string Value) : Node(ExpressionType.Text);
    private sealed record NegateNode(Node Operand) : Node(ExpressionType.Number);
    private sealed record BinaryNode(string Op, Node Left, Node Right, ExpressionType Type) : Node(Type);
    private sealed record CallNode(string Name, IReadOnlyList<Node> Args, ExpressionType Type) : Node(Type);

    /// <summary>Recursive descent over the text; headers are typed by where they stand (arithmetic → number, else text).</summary>
    private sealed class Parser(string s)
    {
        private int i;

        public Node ParseExpression() => Concat();

        public void ExpectEnd()
        {
            Skip();
            if (i < s.Length) throw Error($"unexpected '{Show()}'");
        }

        private Node Concat()
        {
            var left = Sum();
            while (Accept("||")) left = new BinaryNode("||", left, Sum(), ExpressionType.Text);
            return left;
        }

        private Node Sum() => Arithmetic(Product, '+', '-', "--");

        private Node Product() => Arithmetic(Unary, '*', '/', "/*");

        /// <summary>Left-associative arithmetic over <paramref name="next"/> with two operators (the second not where a comment would start).</summary>
        private Node Arithmetic(Func<Node> next, char first, char second, string comment)
        {
            var left = next();
            while (true)
            {
                Skip();
                if (i >= s.Length || !(s[i] == first || (s[i] == second && !At(comment)))) return left;
                string op = s[i++].ToString();
                left = new BinaryNode(op, Numeric(left), Numeric(next()), ExpressionType.Number);
            }
        }

        private Node Unary()
        {
            Skip();
            if (i < s.Length && s[i] == '-' && !At("--"))
            {
                i++;
                return new NegateNode(Numeric(Unary()));
            }
            return Atom();
        }

        private Node Atom()
        {
            Skip();
            if (i >= s.Length) throw Error("the expression ends where a value was expected");
            char c = s[i];
            if (c == '(')
            {
                i++;
                var inner = Concat();
                Expect(")");
                return inner;
            }
            if (c == '\'') return new StringNode(Quoted('\''));
            if (c == '"') return new HeaderNode(Quoted('"'), ExpressionType.Text);
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))) return Number();
            if (char.IsLetter(c) || c == '_')
            {
                int start = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_')) i++;
                string name = s[start..i];
                Skip();
                if (i < s.Length && s[i] == '(')
                {
                    if (!Functions.TryGetValue(name, out var arity))
                        throw Error($"'{name}' is not a function of the language (coalesce, nullif, abs, round, lower, upper, trim)", start);
                    i++;
                    var args = new List<Node> { Concat() };
                    while (Accept(",")) args.Add(Concat());
                    Expect(")");
                    if (args.Count < arity.Min || args.Count > arity.Max)
                        throw Error($"{name.ToLowerInvariant()} takes {(arity.Min == arity.Max ? arity.Min.ToString(CultureInfo.InvariantCulture) : $"{arity.Min} to {arity.Max}")} argument(s), not {args.Count}", start);
                    return Call(name.ToLowerInvariant(), args);
                }
                return new HeaderNode(name, ExpressionType.Text);
            }
            throw Error($"unexpected '{Show()}'");
        }

        private Node Call(string name, List<Node> args)
        {
            switch (name)
            {
                case "abs":
                case "round":
                    args[0] = Numeric(args[0]);
                    return new CallNode(name, args, ExpressionType.Number);
                case "lower":
                case "upper":
                case "trim":
                    return new CallNode(name, args, ExpressionType.Text);
                default:
                    // coalesce / nullif: numbers when every argument is (or can be) a number and one of them is arithmetic.
                    bool numeric = args.Any(a => a is not HeaderNode && a.Type == ExpressionType.Number) && args.All(a => a is HeaderNode || a.Type == ExpressionType.Number);
                    return new CallNode(name, numeric ? args.Select(Numeric).ToList() : args, numeric ? ExpressionType.Number : ExpressionType.Text);
            }
        }

        /// <summary>A header used in arithmetic is read as a number; a string literal cannot be.</summary>
        private Node Numeric(Node n) => n switch
        {
            HeaderNode h => h with { Type = ExpressionType.Number },
            StringNode => throw Error("a 'string' cannot be used in arithmetic"),
            CallNode { Name: "coalesce" or "nullif", Type: ExpressionType.Text } c when c.Args.All(a => a is HeaderNode || a.Type == ExpressionType.Number) =>
                c with { Args = c.Args.Select(Numeric).ToList(), Type = ExpressionType.Number },
            CallNode { Type: ExpressionType.Text } c => throw Error($"{c.Name}(…) gives text, which cannot be used in arithmetic"),
            BinaryNode { Op: "||" } => throw Error("text joined with || cannot be used in arithmetic"),
            _ => n,
        };

        private Node Number()
        {
            int start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i < s.Length && s[i] == '.') { i++; while (i < s.Length && char.IsAsciiDigit(s[i])) i++; }
            if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
            {
                int save = i;
                i++;
                if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
                if (i < s.Length && char.IsAsciiDigit(s[i])) { while (i < s.Length && char.IsAsciiDigit(s[i])) i++; }
                else i = save;
            }
            if (i < s.Length && (char.IsLetter(s[i]) || s[i] == '_')) throw Error("a number must not run into a name", start);
            return new NumberNode(double.Parse(s[start..i], NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        private string Quoted(char quote)
        {
            int start = i++;
            var sb = new StringBuilder();
            while (true)
            {
                if (i >= s.Length) throw Error(quote == '\'' ? "a 'string' is not closed" : "a \"header\" is not closed", start);
                if (s[i] == quote)
                {
                    if (i + 1 < s.Length && s[i + 1] == quote) { sb.Append(quote); i += 2; continue; }
                    i++;
                    break;
                }
                sb.Append(s[i++]);
            }
            if (quote == '"' && sb.Length == 0) throw Error("an empty \"\" is not a header", start);
            return sb.ToString();
        }

        private void Skip()
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
            if (At("--") || At("/*") || (i < s.Length && s[i] == ';')) throw Error($"'{Show()}' is not part of the language (no comments, no statements)");
        }

        private bool At(string token) => string.CompareOrdinal(s, i, token, 0, token.Length) == 0;

        private bool Accept(string token)
        {
            Skip();
            if (!At(token)) return false;
            i += token.Length;
            return true;
        }

        private void Expect(string token)
        {
            if (!Accept(token)) throw Error(i >= s.Length ? $"'{token}' expected at the end" : $"'{token}' expected, found '{Show()}'");
        }

        private string Show() => i >= s.Length ? "" : s.Substring(i, Math.Min(12, s.Length - i));

        private ColumnExpressionException Error(string what, int? at = null) =>
            new($"{what} (at character {(at ?? i) + 1} of '{(s.Length > 60 ? s[..57] + "..." : s)}')");
    }
}
