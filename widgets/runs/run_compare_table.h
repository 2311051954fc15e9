#pragma once
// The ticked runs side by side: one column per run (its name in its colour), one row per setting whose value
// differs between them (layerlab::differingSettings: nothing the runs share), then the results: status, the
// highest validation accuracy, test accuracy, the best epoch (by the run's monitor, with its value), epochs,
// time. "learning rate 0.1 vs 0.001: diverged vs 99.1 %" at a
// glance. Export as CSV.
#include <QTableWidget>
#include <vector>

#include "core/run_record.h"

class RunCompareTable : public QTableWidget {
    Q_OBJECT
public:
    explicit RunCompareTable(QWidget* parent = nullptr);
    void setRuns(const std::vector<layerlab::RunInfo>& runs);
    // The setting keys shown (the rows above the results), in order.
    const std::vector<std::string>& differing() const { return m_keys; }
    QString csvText() const;
    QString exportCsv(const QString& path) const;  // "" or why not

public slots:
    void exportInteractive();

private:
    std::vector<std::string> m_keys;
};
