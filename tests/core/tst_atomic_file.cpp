// core/atomic_file.cpp: the one writer. It writes new and existing files whole (mode kept, no temp file
// left), writes through symlinks to their target, refuses folders, devices, FIFOs and sockets without
// touching them, and reports a full disk, a size limit, a read-only folder or file as a failure with the
// old file intact. The disk-full and read-only cases need root (a private tmpfs mount, a switch to an
// unprivileged user in a child process) and are skipped without it.
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <functional>
#include <string>

#include "core/atomic_file.h"

using namespace layerlab;

namespace {

std::string readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return "<unreadable>";
    return f.readAll().toStdString();
}

QStringList tempFilesIn(const QString& dir) {
    return QDir(dir).entryList({"*.tmp-*"}, QDir::Files | QDir::Hidden | QDir::System);
}

mode_t typeOf(const QString& path) {
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0) return 0;
    return st.st_mode & S_IFMT;
}

// Runs fn in a forked child and returns the string it produced (or "child failed: ..."). For what must not
// happen in the test process: changing user, mounting in a private namespace, lowering a resource limit.
std::string inChild(const std::function<std::string()>& fn) {
    int fds[2];
    if (::pipe(fds) != 0) return "child failed: pipe";
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        const std::string out = fn();
        const ssize_t n = ::write(fds[1], out.data(), out.size());
        ::_exit(n == ssize_t(out.size()) ? 0 : 1);
    }
    ::close(fds[1]);
    std::string out;
    char buf[512];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, size_t(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return out;
}

const std::string kSkip = "skip: ";

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

}  // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT
private slots:
    void init();
    void writesANewFileWhole();
    void replacingKeepsTheModeAndLeavesNoTempFile();
    void writesThroughSymlinksToTheirTarget();
    void refusesWhatIsNotARegularFile_data();
    void refusesWhatIsNotARegularFile();
    void missingFolderIsNamed();
    void readOnlyFileIsNotReplaced();
    void readOnlyFolderIsReported();
    void sizeLimitIsAFailureAndKeepsTheOldFile();
    void fullDiskIsAFailureAndKeepsTheOldFile();

private:
    QTemporaryDir m_tmp;
    QString m_dir;
};

void TestAtomicFile::init() {
    static int n = 0;
    m_dir = m_tmp.filePath(QString::number(++n));
    QVERIFY(QDir().mkpath(m_dir));
}

void TestAtomicFile::writesANewFileWhole() {
    const QString path = m_dir + "/new.json";
    const std::string data(100000, 'x');
    QCOMPARE(q(writeFileAtomically(path.toStdString(), data)), QString());
    QCOMPARE(q(readAll(path)), q(data));
    struct stat st {};
    QVERIFY(::stat(QFile::encodeName(path).constData(), &st) == 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0644));
    QVERIFY(tempFilesIn(m_dir).isEmpty());
}

void TestAtomicFile::replacingKeepsTheModeAndLeavesNoTempFile() {
    const QString path = m_dir + "/old.json";
    QCOMPARE(q(writeFileAtomically(path.toStdString(), "old")), QString());
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0600) == 0);
    QCOMPARE(q(writeFileAtomically(path.toStdString(), "new")), QString());
    QCOMPARE(q(readAll(path)), QString("new"));
    struct stat st {};
    QVERIFY(::stat(QFile::encodeName(path).constData(), &st) == 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0600));
    QVERIFY(tempFilesIn(m_dir).isEmpty());
}

void TestAtomicFile::writesThroughSymlinksToTheirTarget() {
    // link1 -> sub/link2 -> ../real.json (relative hops), and a dangling link to a file not yet written.
    QVERIFY(QDir().mkpath(m_dir + "/sub"));
    const QString real = m_dir + "/real.json";
    QCOMPARE(q(writeFileAtomically(real.toStdString(), "before")), QString());
    QVERIFY(::symlink("../real.json", QFile::encodeName(m_dir + "/sub/link2").constData()) == 0);
    QVERIFY(::symlink("sub/link2", QFile::encodeName(m_dir + "/link1").constData()) == 0);
    std::string target;
    QCOMPARE(q(checkWritableTarget((m_dir + "/link1").toStdString(), &target)), QString());
    QCOMPARE(QFileInfo(QString::fromStdString(target)).canonicalFilePath(),
             QFileInfo(real).canonicalFilePath());
    QCOMPARE(q(writeFileAtomically((m_dir + "/link1").toStdString(), "after")), QString());
    QCOMPARE(q(readAll(real)), QString("after"));
    QCOMPARE(typeOf(m_dir + "/link1"), mode_t(S_IFLNK));  // the links are still links
    QCOMPARE(typeOf(m_dir + "/sub/link2"), mode_t(S_IFLNK));
    QVERIFY(tempFilesIn(m_dir).isEmpty() && tempFilesIn(m_dir + "/sub").isEmpty());

    QVERIFY(::symlink("later.json", QFile::encodeName(m_dir + "/dangling").constData()) == 0);
    QCOMPARE(q(writeFileAtomically((m_dir + "/dangling").toStdString(), "created")), QString());
    QCOMPARE(q(readAll(m_dir + "/later.json")), QString("created"));
    QCOMPARE(typeOf(m_dir + "/dangling"), mode_t(S_IFLNK));
}

void TestAtomicFile::refusesWhatIsNotARegularFile_data() {
    QTest::addColumn<QString>("kind");      // what to make at the path
    QTest::addColumn<QString>("expected");  // a substring of the message
    QTest::newRow("folder") << "folder"
                            << "it is a folder";
    QTest::newRow("folder with a trailing slash") << "folder/"
                                                  << "it is a folder";
    QTest::newRow("fifo") << "fifo"
                          << "FIFO";
    QTest::newRow("socket") << "socket"
                            << "socket";
    QTest::newRow("character device like /dev/full") << "device"
                                                     << "character device";
    QTest::newRow("symlink to a fifo") << "link-to-fifo"
                                       << "FIFO";
    QTest::newRow("symlink loop") << "loop"
                                  << "loop";
}

void TestAtomicFile::refusesWhatIsNotARegularFile() {
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    QString path = m_dir + "/thing";
    const QByteArray p = QFile::encodeName(path);
    mode_t type = 0;
    if (kind.startsWith("folder")) {
        QVERIFY(QDir().mkpath(path));
        if (kind.endsWith('/')) path += '/';
        type = S_IFDIR;
    } else if (kind == "fifo") {
        QVERIFY(::mkfifo(p.constData(), 0644) == 0);
        type = S_IFIFO;
    } else if (kind == "socket") {
        const int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        if (size_t(p.size()) >= sizeof addr.sun_path) QSKIP("temp path too long for a socket");
        std::memcpy(addr.sun_path, p.constData(), size_t(p.size()));
        QVERIFY(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        ::close(s);
        type = S_IFSOCK;
    } else if (kind == "device") {
        // As root, a private copy of /dev/full (1,7), so that a regression could only replace our copy; as
        // another user /dev/full itself (its folder is not writable, so a regression cannot replace it).
        if (::geteuid() == 0) {
            if (::mknod(p.constData(), S_IFCHR | 0666, makedev(1, 7)) != 0)
                QSKIP("mknod is not allowed here");
        } else {
            path = "/dev/full";
        }
        type = S_IFCHR;
    } else if (kind == "link-to-fifo") {
        QVERIFY(::mkfifo(QFile::encodeName(m_dir + "/pipe").constData(), 0644) == 0);
        QVERIFY(::symlink("pipe", p.constData()) == 0);
        type = S_IFLNK;
    } else if (kind == "loop") {
        QVERIFY(::symlink("thing2", p.constData()) == 0);
        QVERIFY(::symlink("thing", QFile::encodeName(m_dir + "/thing2").constData()) == 0);
        type = S_IFLNK;
    }
    const std::string check = checkWritableTarget(path.toStdString());
    QVERIFY2(QString::fromStdString(check).contains(expected), check.c_str());
    const std::string err = writeFileAtomically(path.toStdString(), "data");
    QCOMPARE(q(err), q(check));
    QCOMPARE(typeOf(path.endsWith('/') ? path.chopped(1) : path), type);  // untouched
    QVERIFY(tempFilesIn(m_dir).isEmpty());
    if (kind == "link-to-fifo") QCOMPARE(typeOf(m_dir + "/pipe"), mode_t(S_IFIFO));
}

void TestAtomicFile::missingFolderIsNamed() {
    const std::string err = writeFileAtomically((m_dir + "/no/such/x.json").toStdString(), "x");
    QVERIFY2(
        err.find("folder " + (m_dir + "/no/such").toStdString() + " does not exist") != std::string::npos,
        err.c_str());
    QVERIFY(!QFile::exists(m_dir + "/no"));
}

void TestAtomicFile::readOnlyFileIsNotReplaced() {
    const QString path = m_dir + "/keep.json";
    QCOMPARE(q(writeFileAtomically(path.toStdString(), "precious")), QString());
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0444) == 0);
    const std::string err = inChild([&] {
        if (::geteuid() == 0 && (::chmod(QFile::encodeName(m_tmp.path()).constData(), 0755) != 0 ||
                                 ::chmod(QFile::encodeName(m_dir).constData(), 0777) != 0 ||
                                 ::setgid(65534) != 0 || ::setuid(65534) != 0))
            return kSkip + "cannot switch to user nobody";
        return writeFileAtomically(path.toStdString(), "overwritten");
    });
    if (err.rfind(kSkip, 0) == 0) QSKIP(err.c_str());
    QVERIFY2(err.find("is read-only") != std::string::npos, err.c_str());
    QCOMPARE(q(readAll(path)), QString("precious"));
}

void TestAtomicFile::readOnlyFolderIsReported() {
    const QString path = m_dir + "/x.json";
    QCOMPARE(q(writeFileAtomically(path.toStdString(), "old")), QString());
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0666) == 0);
    QVERIFY(::chmod(QFile::encodeName(m_dir).constData(), 0555) == 0);
    const std::string err = inChild([&] {
        if (::geteuid() == 0 && (::chmod(QFile::encodeName(m_tmp.path()).constData(), 0755) != 0 ||
                                 ::setgid(65534) != 0 || ::setuid(65534) != 0))
            return kSkip + "cannot switch to user nobody";
        return writeFileAtomically(path.toStdString(), "new");
    });
    ::chmod(QFile::encodeName(m_dir).constData(), 0755);
    if (err.rfind(kSkip, 0) == 0) QSKIP(err.c_str());
    QVERIFY2(err.find("folder " + m_dir.toStdString() + " is not writable") != std::string::npos,
             err.c_str());
    QCOMPARE(q(readAll(path)), QString("old"));
}

void TestAtomicFile::sizeLimitIsAFailureAndKeepsTheOldFile() {
    // A write error in the middle of the data (here EFBIG from `ulimit -f`): reported, temp file removed.
    const QString path = m_dir + "/big.json";
    QCOMPARE(q(writeFileAtomically(path.toStdString(), "old")), QString());
    const std::string err = inChild([&] {
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit lim{8192, 8192};
        if (::setrlimit(RLIMIT_FSIZE, &lim) != 0) return kSkip + "setrlimit failed";
        return writeFileAtomically(path.toStdString(), std::string(100000, 'x'));
    });
    if (err.rfind(kSkip, 0) == 0) QSKIP(err.c_str());
    QVERIFY2(err.find("file size limit") != std::string::npos, err.c_str());
    QCOMPARE(q(readAll(path)), QString("old"));
    QVERIFY(tempFilesIn(m_dir).isEmpty());
}

void TestAtomicFile::fullDiskIsAFailureAndKeepsTheOldFile() {
    // A 32 KiB tmpfs in a private mount namespace (root only): the old file fits, the new one does not.
    const QString mnt = m_dir + "/small-disk";
    QVERIFY(QDir().mkpath(mnt));
    const std::string out = inChild([&]() -> std::string {
        if (::unshare(CLONE_NEWNS) != 0) return kSkip + "needs root (unshare)";
        if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return kSkip + "mount private";
        const QByteArray m = QFile::encodeName(mnt);
        if (::mount("tmpfs", m.constData(), "tmpfs", 0, "size=32k") != 0) return kSkip + "mount tmpfs";
        const std::string path = mnt.toStdString() + "/model.llckpt";
        if (std::string e = writeFileAtomically(path, "old"); !e.empty()) return "first write failed: " + e;
        const std::string err = writeFileAtomically(path, std::string(200000, 'x'));
        const std::string kept = readAll(QString::fromStdString(path));
        const bool clean = tempFilesIn(mnt).isEmpty();
        return err + "|" + kept + "|" + (clean ? "clean" : "temp file left");
    });
    if (out.rfind(kSkip, 0) == 0) QSKIP(out.c_str());
    const QStringList parts = QString::fromStdString(out).split('|');
    QCOMPARE(parts.size(), 3);
    QVERIFY2(parts[0].contains("the disk is full"), out.c_str());
    QCOMPARE(parts[1], QString("old"));
    QCOMPARE(parts[2], QString("clean"));
}

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomic_file.moc"
