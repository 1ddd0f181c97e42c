using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Instrumentation.CodeFixes;

/// <summary>
/// Fix All for rules whose fix is computed per document from the diagnostics in it (TRC101, TRC201). It always returns
/// a code action, whatever the diagnostic the caller started from: <c>dotnet format</c> builds its Fix All from the first
/// diagnostic of a rule, and when that one has no fix (no code action registered, so no equivalence key) a provider
/// that answers null makes it print "didn't return a Fix All action" and skip every fixable occurrence. Diagnostics
/// without a fix are left alone by <paramref name="fixDocumentAsync"/>; a run where nothing is fixable changes nothing.
/// </summary>
internal sealed class DocumentFixAllProvider(
    string title,
    string equivalenceKey,
    Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>> fixDocumentAsync) : FixAllProvider
{
    /// <inheritdoc/>
    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

    /// <inheritdoc/>
    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) =>
        Task.FromResult<CodeAction?>(CodeAction.Create(title, ct => FixAsync(fixAllContext, ct), equivalenceKey));

    private async Task<Solution> FixAsync(FixAllContext context, CancellationToken cancellationToken)
    {
        var solution = context.Solution;
        var projects = context.Scope switch
        {
            FixAllScope.Solution => solution.Projects.Where(p => p.Language == context.Project.Language).ToList(),
            _ => [context.Project],
        };

        foreach (var project in projects)
        {
            IEnumerable<Diagnostic> diagnostics = context.Scope == FixAllScope.Document && context.Document is { } only
                ? await context.GetDocumentDiagnosticsAsync(only).ConfigureAwait(false)
                : await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);

            foreach (var group in diagnostics.Where(d => d.Location.IsInSource).GroupBy(d => d.Location.SourceTree))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (project.GetDocument(group.Key) is not { } document)
                {
                    continue;
                }

                var fixedDocument = await fixDocumentAsync(document, [.. group], cancellationToken).ConfigureAwait(false);
                if (fixedDocument != document && await fixedDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is { } root)
                {
                    solution = solution.WithDocumentSyntaxRoot(document.Id, root);
                }
            }
        }

        return solution;
    }
}
