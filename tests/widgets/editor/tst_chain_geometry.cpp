// widgets/editor/chain_geometry: where blocks sit (a block's inner layers inside its frame, between its
// header and its footer), display order and numbers, and where a drop lands: before, inside or after a block,
// never inside the block being moved.
#include <QTest>

#include "core/layer_tree.h"
#include "widgets/editor/chain_geometry.h"

using layerlab::LayerSpec;
using layerlab::LayerType;
using layerlab::ModelSpec;
using layerlab::Shape;

namespace {
// Flatten, Residual(Dense 784 relu, Dense 784), Dense 10; ids flatten_1, residual_1, dense_1, dense_2,
// dense_3.
ModelSpec withBlock() {
    ModelSpec s;
    s.layers = {LayerSpec::make(LayerType::Flatten), LayerSpec::make(LayerType::Residual, Shape::flat(784)),
                LayerSpec::make(LayerType::Dense)};
    s.layers[2].units = 10;
    layerlab::assignLayerIds(s);
    return s;
}

ChainGeometry build(const ModelSpec& s, int width = 400) {
    ChainGeometry g;
    g.build(s, layerlab::inferShapes(s), width,
            [](const QString& text, int) { return text.isEmpty() ? 0 : 30; });
    return g;
}
}  // namespace

class TestChainGeometry : public QObject {
    Q_OBJECT
private slots:
    void blocksSitInsideTheirBlock();
    void dropsLandBeforeInsideOrAfterABlock();
    void aMovingBlockIsNoTargetForItself();
    void anEmptyBlockHasAGap();
};

void TestChainGeometry::blocksSitInsideTheirBlock() {
    const ChainGeometry g = build(withBlock());
    // Display order: a block, then what is inside it.
    QStringList order;
    for (const auto& b : g.blocks()) order << b.id + "=" + b.number;
    QCOMPARE(order, (QStringList{"flatten_1=1", "residual_1=2", "dense_1=2.1", "dense_2=2.2", "dense_3=3"}));
    const auto* block = g.block("residual_1");
    QVERIFY(block && block->container);
    QCOMPARE(block->depth, 0);
    QCOMPARE(g.block("dense_2")->depth, 1);
    QCOMPARE(g.block("dense_2")->parent, QStringLiteral("residual_1"));
    QVERIFY((g.block("dense_2")->path == std::vector<int>{1, 1}));
    // Inside the frame, below the header, above the footer, indented on the left and with the skip lane on
    // the right.
    for (const char* inner : {"dense_1", "dense_2"}) {
        const QRect r = g.block(inner)->rect;
        QVERIFY(block->rect.contains(r));
        QVERIFY(r.top() > block->header.bottom());
        QVERIFY(r.bottom() < block->footer.top());
        QCOMPARE(r.left(), block->rect.left() + EditorMetrics::kIndent);
        QVERIFY(r.right() <= block->rect.right() - EditorMetrics::kSkipLane);
    }
    QCOMPARE(block->footer.bottom(), block->rect.bottom());
    QVERIFY(g.block("dense_3")->rect.top() > block->rect.bottom() + EditorMetrics::kGap / 2);
    QVERIFY(g.output().top() > g.block("dense_3")->rect.bottom());
    QCOMPARE(g.contentHeight(), g.output().bottom() + 1 + EditorMetrics::kMargin);
    // What is under a point: the innermost block.
    QCOMPARE(g.blockAt(g.block("dense_2")->rect.center())->id, QStringLiteral("dense_2"));
    QCOMPARE(g.blockAt(block->header.center())->id, QStringLiteral("residual_1"));
    QCOMPARE(g.blockAt(block->footer.center())->id, QStringLiteral("residual_1"));
    QVERIFY(!g.blockAt(g.input().center()));
    QVERIFY(g.within(*g.block("dense_1"), "residual_1"));
    QVERIFY(!g.within(*g.block("dense_3"), "residual_1"));
}

void TestChainGeometry::dropsLandBeforeInsideOrAfterABlock() {
    const ChainGeometry g = build(withBlock());
    const auto* block = g.block("residual_1");
    const int x = block->rect.center().x();
    auto at = [&](int y) { return g.dropAt(QPoint(x, y)); };
    QCOMPARE(at(block->header.top() + 2), (DropPlace{QString(), 1}));  // upper half of its header: before it
    QCOMPARE(at(block->header.bottom() - 2), (DropPlace{"residual_1", 0}));  // lower half: first inside
    const QRect first = g.block("dense_1")->rect, second = g.block("dense_2")->rect;
    QCOMPARE(at(first.bottom() + 5), (DropPlace{"residual_1", 1}));
    QCOMPARE(at(second.bottom() + 5), (DropPlace{"residual_1", 2}));      // last inside
    QCOMPARE(at(block->footer.center().y()), (DropPlace{QString(), 2}));  // its footer: after it
    QCOMPARE(at(g.output().top() - 3), (DropPlace{QString(), 3}));
    QCOMPARE(at(g.input().bottom() + 3), (DropPlace{QString(), 0}));
    // The marker line of a gap lies in it, as wide as its chain.
    const QLine inner = g.gapLine({"residual_1", 1});
    QVERIFY(inner.y1() > first.bottom() && inner.y1() < second.top());
    QCOMPARE(inner.x1(), first.left());
    QCOMPARE(inner.x2(), first.right());
    const QLine outer = g.gapLine({QString(), 2});
    QVERIFY(outer.y1() > block->rect.bottom() && outer.y1() < g.block("dense_3")->rect.top());
    QVERIFY(g.gapLine({"residual_1", 3}).isNull());
    QVERIFY(g.gapLine({"dense_1", 0}).isNull());
}

void TestChainGeometry::aMovingBlockIsNoTargetForItself() {
    ModelSpec s = withBlock();
    const ChainGeometry g = build(s);
    const auto* block = g.block("residual_1");
    const QPoint between(block->rect.center().x(), g.block("dense_1")->rect.bottom() + 5);
    QCOMPARE(g.dropAt(between), (DropPlace{"residual_1", 1}));
    // Moving the block itself: its inside is not a target, the point counts for the model's chain.
    const DropPlace p = g.dropAt(between, "residual_1");
    QCOMPARE(p.parent, QString());
    QVERIFY(p.index == 1 || p.index == 2);
    // Moving one of its layers: the block's chain is fine.
    QCOMPARE(g.dropAt(between, "dense_1"), (DropPlace{"residual_1", 1}));
}

void TestChainGeometry::anEmptyBlockHasAGap() {
    ModelSpec s = withBlock();
    s.layers[1].layers.clear();
    const ChainGeometry g = build(s);
    const auto* block = g.block("residual_1");
    const QLine gap = g.gapLine({"residual_1", 0});
    QVERIFY(!gap.isNull());
    QVERIFY(gap.y1() > block->header.bottom() && gap.y1() < block->footer.top());
    QCOMPARE(g.dropAt(QPoint(block->rect.center().x(), gap.y1())), (DropPlace{"residual_1", 0}));
    QVERIFY(block->footer.top() - block->header.bottom() >= EditorMetrics::kEmptyInner);
    // Its error (no layers inside) makes the header taller.
    ModelSpec fine = withBlock();
    QVERIFY(block->header.height() > build(fine).block("residual_1")->header.height());
}

QTEST_APPLESS_MAIN(TestChainGeometry)
#include "tst_chain_geometry.moc"
